using System.Text;
using System.Text.Json;

namespace CostSense.Core.Assistant;

/// <summary>
/// Ollama reports a failure in mid-answer as a line <c>{"error":"…"}</c> inside its 200 NDJSON stream, and
/// OllamaSharp passes that line on as an empty update: the answer would just stop, unexplained. This handler
/// watches the stream's lines and turns such a line into an <see cref="OllamaStreamException"/> with Ollama's words.
/// </summary>
public sealed class OllamaStreamErrors : DelegatingHandler
{
    public OllamaStreamErrors(HttpMessageHandler inner) : base(inner) { }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        if (response.Content.Headers.ContentType?.MediaType != "application/x-ndjson") return response;
        var original = response.Content;
        var watched = new StreamContent(new WatchedStream(await original.ReadAsStreamAsync(ct)));
        foreach (var header in original.Headers) watched.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = watched;
        return response;
    }

    /// <summary>Passes bytes through, keeping only the start of the current line, and the whole line when it is an error.</summary>
    private sealed class WatchedStream(Stream inner) : Stream
    {
        private const int MaxErrorLine = 8 * 1024;
        private static readonly byte[] ErrorStart = "{\"error\""u8.ToArray();
        private readonly MemoryStream _line = new();
        private bool _lineIsError, _lineDecided;
        private OllamaStreamException? _pending;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_pending is { } error) throw error;
            var read = await inner.ReadAsync(buffer, ct);
            return Watch(buffer.Span[..read]);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_pending is { } error) throw error;
            var read = inner.Read(buffer, offset, count);
            return Watch(buffer.AsSpan(offset, read));
        }

        /// <summary>
        /// How many of the bytes just read to pass on. The lines before an error line are passed on first (the text
        /// the model wrote before it failed), and the error is thrown on the next read.
        /// </summary>
        private int Watch(ReadOnlySpan<byte> bytes)
        {
            var lineStart = 0; // where the current line began in these bytes; -1 when it began in an earlier read
            if (_line.Length > 0) lineStart = -1;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                if (b == (byte)'\n')
                {
                    if (_lineIsError)
                    {
                        _pending = Error();
                        if (lineStart <= 0) throw _pending;
                        return lineStart;
                    }
                    _line.SetLength(0);
                    _lineIsError = _lineDecided = false;
                    lineStart = i + 1;
                    continue;
                }
                if (_lineDecided && !_lineIsError) continue;
                if (_line.Length < MaxErrorLine) _line.WriteByte(b);
                if (!_lineDecided && _line.Length >= ErrorStart.Length)
                {
                    _lineDecided = true;
                    _lineIsError = _line.GetBuffer().AsSpan(0, ErrorStart.Length).SequenceEqual(ErrorStart);
                }
            }
            return bytes.Length;
        }

        private OllamaStreamException Error()
        {
            string message;
            try
            {
                using var doc = JsonDocument.Parse(_line.ToArray());
                message = doc.RootElement.GetProperty("error").GetString() ?? "unknown error";
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                message = Encoding.UTF8.GetString(_line.ToArray());
            }
            return new OllamaStreamException($"Ollama reported: {message}");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
