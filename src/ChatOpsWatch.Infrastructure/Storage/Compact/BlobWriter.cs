using System.Buffers.Binary;

namespace ChatOpsWatch.Infrastructure.Storage.Compact;

/// <summary>
/// Appends varints and values to a growing buffer. A value is one varint when it is a decimal with at most 5 digits
/// after the point (its mantissa, zigzagged, shifted left 3 bits, with the digit count in the low 3 bits), else the tag
/// 6 and a float32 when that is exact, else the tag 7 and the float64's bits. Decoding gives back the very same double.
/// </summary>
internal sealed class BlobWriter(int capacity = 256)
{
    private const int MaxScale = 5;
    private const double Exact = 4503599627370496d; // 2^52: every integer below it is a double exactly

    internal static readonly double[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000];

    private byte[] _buffer = new byte[capacity];

    public int Length { get; private set; }

    public void Clear() => Length = 0;

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    public void Byte(byte value)
    {
        Reserve(1);
        _buffer[Length++] = value;
    }

    /// <summary>Sets a byte already written (a header filled in after the values that decide it).</summary>
    public void Patch(int at, byte value) => _buffer[at] = value;

    public void Varint(ulong value)
    {
        Reserve(10);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[Length++] = (byte)value;
    }

    public void Value(double value)
    {
        if (TryDecimal(value, out var tag))
        {
            Varint(tag);
        }
        else if ((double)(float)value == value)
        {
            Varint(6);
            Reserve(4);
            BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(Length), (float)value);
            Length += 4;
        }
        else
        {
            Varint(7);
            Reserve(8);
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(Length), BitConverter.DoubleToInt64Bits(value));
            Length += 8;
        }
    }

    /// <summary>A mean, kept exactly when it is a short decimal and else to float32 precision (7 significant digits).</summary>
    public void Mean(double value)
    {
        if (TryDecimal(value, out var tag))
        {
            Varint(tag);
            return;
        }

        Varint(6);
        Reserve(4);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(Length), (float)value);
        Length += 4;
    }

    internal static double Decimal(ulong tag) => UnZigZag(tag >> 3) / Pow10[(int)(tag & 7)];

    private static bool TryDecimal(double value, out ulong tag)
    {
        if (TryDecimal(value, MaxScale, out var mantissa, out var scale))
        {
            tag = (ZigZag(mantissa) << 3) | (uint)scale;
            return true;
        }

        tag = 0;
        return false;
    }

    /// <summary>
    /// The shortest decimal form of <paramref name="value"/> with at most <paramref name="maxScale"/> digits after the
    /// point: mantissa / 10^scale gives back the very same double. False for NaN, infinities, -0 and huge values.
    /// </summary>
    internal static bool TryDecimal(double value, int maxScale, out long mantissa, out int scale)
    {
        for (scale = 0; scale <= maxScale; scale++)
        {
            var scaled = value * Pow10[scale];
            if (!(Math.Abs(scaled) < Exact))
            {
                break; // NaN, infinities and huge values
            }

            var m = Math.Round(scaled);
            if (m / Pow10[scale] == value && (value != 0 || !double.IsNegative(value)))
            {
                mantissa = (long)m;
                return true;
            }
        }

        (mantissa, scale) = (0, 0);
        return false;
    }

    /// <summary>The mantissa of <paramref name="value"/> at exactly <paramref name="scale"/> digits, if it gives the value back.</summary>
    internal static bool TryMantissa(double value, int scale, out long mantissa)
    {
        var scaled = value * Pow10[scale];
        mantissa = 0;
        if (!(Math.Abs(scaled) < Exact) || (value == 0 && double.IsNegative(value)))
        {
            return false;
        }

        var m = Math.Round(scaled);
        mantissa = (long)m;
        return m / Pow10[scale] == value;
    }

    internal static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    internal static long UnZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    private void Reserve(int bytes)
    {
        if (Length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + bytes));
        }
    }
}

/// <summary>Reads what <see cref="BlobWriter"/> wrote. Throws <see cref="InvalidDataException"/> on a truncated blob.</summary>
internal ref struct BlobReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    public readonly bool AtEnd => _pos >= _data.Length;

    public byte Byte()
    {
        Need(1);
        return _data[_pos++];
    }

    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= _data.Length)
            {
                throw new InvalidDataException("a stored sample blob ends inside a number");
            }

            var b = _data[_pos++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("a stored sample blob has a number longer than 64 bits");
    }

    public double Value()
    {
        var tag = Varint();
        switch (tag)
        {
            case 6:
                Need(4);
                var f = BinaryPrimitives.ReadSingleLittleEndian(_data[_pos..]);
                _pos += 4;
                return f;
            case 7:
                Need(8);
                var d = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(_data[_pos..]));
                _pos += 8;
                return d;
            default:
                return BlobWriter.Decimal(tag);
        }
    }

    /// <summary>Skips one value without decoding it.</summary>
    public void SkipValue()
    {
        var tag = Varint();
        _pos += tag == 6 ? 4 : tag == 7 ? 8 : 0;
    }

    private readonly void Need(int bytes)
    {
        if (_pos + bytes > _data.Length)
        {
            throw new InvalidDataException("a stored sample blob ends inside a value");
        }
    }
}
