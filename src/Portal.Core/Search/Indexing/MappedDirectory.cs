using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Lucene.Net.Store;

namespace Portal.Core.Search.Indexing;

/// <summary>
/// An <see cref="FSDirectory"/> that reads every file through one read-only memory mapping and
/// plain pointer reads. Lucene.Net's <see cref="MMapDirectory"/> reads through J2N byte buffers —
/// a virtual call, a position object and bounds checks per byte — and registers every clone of an
/// input in a weak table (apache/lucenenet#1151); a search reads bytes for every posting and
/// variable-length integer, so those reads were a tenth of its time. Writes go through
/// <see cref="FSDirectory"/>'s own outputs, as in every Lucene directory.
/// <para>
/// A mapping is released when no input of its file is left, not when the first input is closed:
/// Lucene clones inputs freely and never closes the clones, so unmapping on close (as Lucene does,
/// guarded by the clone table) could leave a clone reading unmapped memory. The price is that a
/// deleted segment's pages go back to the system at the next full garbage collection.
/// </para>
/// </summary>
public sealed class MappedDirectory(string path) : FSDirectory(new DirectoryInfo(path))
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var file = new FileInfo(Path.Combine(Directory.FullName, name));
        var mapping = MappedFile.Open(file);
        return new MappedIndexInput($"MappedIndexInput(path=\"{file.FullName}\")", mapping, 0, mapping.Length);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        var file = new FileInfo(Path.Combine(Directory.FullName, name));
        return new Slicer(file.FullName, MappedFile.Open(file));
    }

    /// <summary>Slices of a compound file share its one mapping.</summary>
    private sealed class Slicer(string path, MappedFile mapping) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > mapping.Length)
            {
                throw new ArgumentException($"slice {sliceDescription} out of bounds: offset={offset}, length={length}, file length={mapping.Length} ({path})");
            }
            return new MappedIndexInput($"MappedIndexInput(path=\"{path}\" [slice={sliceDescription}])", mapping, offset, length);
        }

        [Obsolete("Lucene reads 3.x compound files through it; this index never has one.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full", 0, mapping.Length);

        protected override void Dispose(bool disposing)
        {
        }
    }
}

/// <summary>One file mapped read-only, with the address of its first byte; unmapped when it is collected.</summary>
internal sealed unsafe class MappedFile
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;

    private MappedFile(MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* start, long length)
    {
        _file = file;
        _view = view;
        Start = start;
        Length = length;
    }

    public byte* Start { get; }
    public long Length { get; }

    public static MappedFile Open(FileInfo file)
    {
        // The file is closed once mapped: the mapping holds the file by itself (and a deleted file
        // keeps its pages until it is unmapped).
        using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        if (length == 0)
        {
            // An empty file cannot be mapped: no bytes to read.
            return new MappedFile(null, null, null, 0);
        }
        var mapped = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        var view = mapped.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        return new MappedFile(mapped, view, start + view.PointerOffset, length);
    }

    ~MappedFile()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _file?.Dispose();
    }
}

/// <summary>
/// A window of a mapped file, read by pointer. Clones share the mapping and keep it alive; each has
/// its own position. Lucene's numbers are big-endian.
/// </summary>
internal sealed unsafe class MappedIndexInput : IndexInput
{
    private readonly MappedFile _mapping;
    private byte* _start;
    private long _length;
    private long _position;

    public MappedIndexInput(string resourceDescription, MappedFile mapping, long offset, long length) : base(resourceDescription)
    {
        _mapping = mapping;
        _start = mapping.Start + offset;
        _length = length;
    }

    public override long Length => _length;

    public override long Position => _position;

    public override void Seek(long pos)
    {
        if ((ulong)pos > (ulong)_length)
        {
            throw new EndOfStreamException($"seek past EOF: {pos} > {_length} ({this})");
        }
        _position = pos;
    }

    public override byte ReadByte()
    {
        if (_position >= _length)
        {
            throw new EndOfStreamException($"read past EOF: {this}");
        }
        return _start[_position++];
    }

    public override void ReadBytes(byte[] b, int offset, int len)
    {
        var bytes = Take(len);
        bytes.CopyTo(b.AsSpan(offset, len));
    }

    public override short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public override int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public override long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    /// <summary>
    /// Seven bits a byte, low bits first, the high bit saying another byte follows; the fifth byte
    /// carries the last four bits (a negative number takes all five).
    /// </summary>
    public override int ReadVInt32()
    {
        if (_length - _position < 5)
        {
            return base.ReadVInt32();
        }
        var p = _start + _position;
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            int b = p[i];
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                _position += i + 1;
                return value;
            }
        }
        int last = p[4];
        if ((last & 0xF0) != 0)
        {
            throw new IOException($"Invalid vInt detected (too many bits): {this}");
        }
        _position += 5;
        return value | (last << 28);
    }

    /// <summary>As <see cref="ReadVInt32"/> for up to nine bytes; negative numbers are not written this way.</summary>
    public override long ReadVInt64()
    {
        if (_length - _position < 9)
        {
            return base.ReadVInt64();
        }
        var p = _start + _position;
        var value = 0L;
        for (var i = 0; i < 9; i++)
        {
            long b = p[i];
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                _position += i + 1;
                return value;
            }
        }
        throw new IOException($"Invalid vLong detected (negative values disallowed): {this}");
    }

    public override void SkipBytes(long numBytes)
    {
        if (numBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numBytes), "numBytes must be >= 0");
        }
        Seek(_position + numBytes);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _length - _position < count)
        {
            throw new EndOfStreamException($"read past EOF: {this}");
        }
        var span = new ReadOnlySpan<byte>(_start + _position, count);
        _position += count;
        return span;
    }

    /// <summary>Closing an input ends its own reads; the mapping stays for its clones until no input holds it.</summary>
    protected override void Dispose(bool disposing)
    {
        _start = null;
        _length = 0;
        _position = 0;
    }

    internal MappedFile Mapping => _mapping;
}
