# Portal: multi-stage build (SDK → ASP.NET runtime), non-root, data folder as a volume.
#   docker build -t portal .
#   docker run -d -p 8080:8080 -v portal-data:/data \
#     -e Portal__Admin__Email=admin@school.example -e Portal__Admin__Password='…' portal
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Portal.sln ./
COPY src/Portal.Core/Portal.Core.csproj src/Portal.Core/
COPY src/Portal.Web/Portal.Web.csproj src/Portal.Web/
# ReadyToRun: the assemblies are compiled ahead of time for the image's platform, so the portal
# starts in about half the time and the first pages are not slowed by the JIT (tools/measure-start.sh).
RUN dotnet restore src/Portal.Web/Portal.Web.csproj --use-current-runtime -p:PublishReadyToRun=true
COPY src/ src/
RUN dotnet publish src/Portal.Web/Portal.Web.csproj -c Release -o /app --no-restore \
        --use-current-runtime --self-contained false -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY content/ ./content/
# DOTNET_GCgen0size: the GC's smallest gen0 budget, 32 MB (where it cannot read the processor's
# cache size its own choice collects every few searches; see src/Portal.Core/Search/README.md).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_GCgen0size=0x2000000 \
    Portal__DataDirectory=/data \
    Portal__ContentDirectory=/app/content
RUN mkdir -p /data && chown app:app /data
VOLUME ["/data"]
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["dotnet", "Portal.Web.dll", "healthcheck", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["dotnet", "Portal.Web.dll"]
