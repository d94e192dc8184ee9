namespace Lake.Console.Services;

/// <summary>The newest <c>capacity</c> items; adding to a full buffer drops the oldest. Thread-safe.</summary>
internal sealed class RingBuffer<T>(int capacity)
{
    private readonly T[] _items = new T[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity))];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public int Capacity => _items.Length;

    public void Add(T item)
    {
        lock (_lock)
        {
            _items[_next] = item;
            _next = (_next + 1) % _items.Length;
            _count = Math.Min(_count + 1, _items.Length);
        }
    }

    /// <summary>Every item held, newest first.</summary>
    public IReadOnlyList<T> NewestFirst()
    {
        lock (_lock)
        {
            var result = new T[_count];
            for (var i = 0; i < _count; i++)
            {
                result[i] = _items[(_next - 1 - i + _items.Length) % _items.Length];
            }

            return result;
        }
    }
}
