using System.ComponentModel;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OllamaSharp;
using OllamaSharp.Models.Exceptions;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;

namespace CostSense.Tests.Assistant.FakeOllama;

/// <summary>
/// The real OllamaSharp client (5.5.2, as Microsoft.Extensions.AI's IChatClient) against <see cref="FakeOllamaServer"/>:
/// what it sends, and what a caller sees for tools, errors, cancellation and timeouts. Where OllamaSharp does something
/// surprising the test pins it down, so an upgrade that changes it shows up here first.
/// </summary>
public sealed class FakeOllamaProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StreamingText_ArrivesAsOneUpdatePerChunk_InOrder()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Enqueue(Reply.Text("The", " answer", " is 42."));

        var updates = await StreamAsync(Chat(http), "What is the answer?");

        // One update per chunk, then the done chunk as an empty update carrying the finish reason (and usage).
        Assert.Equal(["The", " answer", " is 42.", ""], updates.Select(u => u.Text));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal("The answer is 42.", string.Concat(updates.Select(u => u.Text)));
        // "llama3.2" is served by the installed "llama3.2:latest", and the request says it streams.
        var request = Assert.Single(ollama.Requests);
        Assert.Equal("llama3.2", (string?)request["model"]);
        Assert.True((bool?)request["stream"]);
    }

    [Fact]
    public async Task ToolCall_WithFunctionInvocation_CallsTheToolAndSendsItsResultBack()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var cities = new List<string>();
        var weather = AIFunctionFactory.Create((string city) =>
        {
            cities.Add(city);
            return $"Sunny in {city}, 21 degrees";
        }, "get_weather", "Get the weather in a given city");
        ollama.Enqueue(Reply.ToolCall("get_weather", new { city = "Tokyo" }), Reply.Text("It is sunny", " in Tokyo."));

        var response = await Tools(http).GetResponseAsync("What is the weather in Tokyo?", new ChatOptions { Tools = [weather] }, Ct);

        Assert.Equal("It is sunny in Tokyo.", response.Text);
        Assert.Equal(["Tokyo"], cities);
        Assert.Equal(2, ollama.ChatRequestCount);
        var (first, followUp) = (ollama.Requests[0], ollama.Requests[1]);
        // GetResponseAsync asks for one object ("stream":false); the tool is described in Ollama's shape.
        Assert.False((bool?)first["stream"]);
        Assert.Equal("get_weather", (string?)first["tools"]![0]!["function"]!["name"]);
        Assert.Equal("string", (string?)first["tools"]![0]!["function"]!["parameters"]!["properties"]!["city"]!["type"]);
        // The follow-up repeats the model's call, then the tool's answer.
        var call = Message(followUp, "assistant");
        Assert.Equal("""{"city":"Tokyo"}""", call["tool_calls"]![0]!["function"]!["arguments"]!.ToJsonString());
        var result = Message(followUp, "tool");
        // OllamaSharp 5.5.2 sends no "tool_name" (Ollama's docs ask for one), and the content is not the function's
        // return value but a JSON object wrapping it: {"CallId":"...","Result":...}.
        Assert.Null(result["tool_name"]);
        var content = JsonNode.Parse((string)result["content"]!)!;
        Assert.Equal("Sunny in Tokyo, 21 degrees", (string?)content["Result"]);
        Assert.False(string.IsNullOrEmpty((string?)content["CallId"]));
    }

    [Fact]
    public async Task SemanticKernelPlugin_IsSeenByTheModelAsPluginName_FunctionName()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var costs = new CostsPlugin();
        var plugin = KernelPluginFactory.CreateFromObject(costs, "Costs");
        var functions = plugin.AsAIFunctions(new Kernel()).ToList();
        ollama.Enqueue(
            Reply.ToolCall("Costs_get_total", new { subscription = "prod" }),
            Reply.Dynamic(request => Reply.Text($"The total is {ToolResult(request)["Result"]}.")));

        var response = await Tools(http).GetResponseAsync("What does prod cost?", new ChatOptions { Tools = [.. functions] }, Ct);

        // The kernel function is "get_total", but as an AIFunction (what the model is offered) it is prefixed.
        Assert.Equal("get_total", plugin["get_total"].Name);
        Assert.Equal(["Costs_get_total"], functions.Select(f => f.Name));
        var tool = Assert.Single(ollama.Requests[0]["tools"]!.AsArray())!["function"]!;
        Assert.Equal("Costs_get_total", (string?)tool["name"]);
        Assert.Equal("The total cost of a subscription, in euros", (string?)tool["description"]);
        Assert.Equal("The subscription's name", (string?)tool["parameters"]!["properties"]!["subscription"]!["description"]);
        Assert.Equal(["prod"], costs.Asked);
        Assert.Equal(1234.5m, ToolResult(ollama.Requests[1])["Result"]!.GetValue<decimal>());
        Assert.Equal("The total is 1234.5.", response.Text);
    }

    [Fact]
    public async Task ModelNotFound_Is404_AndOllamaSharpThrowsHttpRequestException_WithoutOllamasMessage()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Models = [];

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => StreamAsync(Chat(http), "Hello?"));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("Response status code does not indicate success: 404 (Not Found).", ex.Message);
        Assert.Contains("not found", ex.Message, StringComparison.OrdinalIgnoreCase);
        // Ollama's own text, "model 'llama3.2' not found", is in the body, which OllamaSharp does not read for a 404.
        Assert.DoesNotContain("llama3.2", ex.Message);
    }

    [Fact]
    public async Task Errors_Only400ReachesTheCallerWithOllamasMessage()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var chat = Chat(http);
        ollama.Enqueue(
            Reply.Error(400, "registry.ollama.ai/library/gemma:2b does not support tools"),
            Reply.Error(400, "invalid options"),
            Reply.Error(500, "the model failed to generate a response"));

        var tools = await Assert.ThrowsAsync<ModelDoesNotSupportToolsException>(() => StreamAsync(chat, "Hello?"));
        var invalid = await Assert.ThrowsAsync<OllamaException>(() => StreamAsync(chat, "Hello?"));
        var failed = await Assert.ThrowsAsync<HttpRequestException>(() => StreamAsync(chat, "Hello?"));

        Assert.Equal("registry.ollama.ai/library/gemma:2b does not support tools", tools.Message);
        Assert.Equal("invalid options", invalid.Message);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("Response status code does not indicate success: 500 (Internal Server Error).", failed.Message);
    }

    [Fact]
    public async Task MidStreamError_IsSwallowed_TheStreamEndsWithAnEmptyUpdateAndNoFinishReason()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Enqueue(Reply.MidStreamError(["Yes", "."], "an error was encountered while running the model"));

        // No exception: OllamaSharp reads the {"error":...} line as a chunk without a message.
        var updates = await StreamAsync(Chat(http), "Hello?");

        Assert.Equal(["Yes", "."], updates.Take(2).Select(u => u.Text));
        var error = updates[^1];
        Assert.Equal(3, updates.Count);
        Assert.Equal("", error.Text);
        Assert.Equal("unknown", error.Role?.Value);
        // The only sign: no update says the answer finished.
        Assert.All(updates, u => Assert.Null(u.FinishReason));
    }

    [Fact]
    public async Task NothingListening_ThrowsHttpRequestException_ConnectionRefused()
    {
        // A port bound but not listening: connections to it are refused, and nothing else can take it meanwhile.
        using var placeholder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        placeholder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)placeholder.LocalEndPoint!).Port;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => StreamAsync(Chat(http), "Hello?"));

        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Null(ex.StatusCode);
        Assert.Equal($"Connection refused (127.0.0.1:{port})", ex.Message);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(ex.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task CancelMidStream_EndsTheEnumerationSilently_AndTheServerSeesTheAbortOnlyAfterTheDrainGivesUp()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Enqueue(Reply.TextWithDelays(TimeSpan.FromMilliseconds(500), [.. Enumerable.Range(1, 12).Select(i => $"w{i} ")]));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var before = new List<ChatResponseUpdate>();
        var after = new List<ChatResponseUpdate>();

        // No OperationCanceledException: OllamaSharp checks the token between lines and then just stops.
        await foreach (var update in Chat(http).GetStreamingResponseAsync("Talk slowly", null, cts.Token))
        {
            (cts.IsCancellationRequested ? after : before).Add(update);
            // Cancelled while OllamaSharp waits for the next line: it reads no token there, so that line still comes.
            if (before.Count == 1) cts.CancelAfter(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(cts.IsCancellationRequested);
        Assert.InRange(after.Count, 0, 1);
        Assert.DoesNotContain(before.Concat(after), u => u.FinishReason is not null);
        // Disposing the unfinished response makes SocketsHttpHandler drain it for the connection's sake, for up to
        // 2 s (ResponseDrainTimeout); this answer lasts longer, so the connection is closed and the server sees it.
        await ollama.WaitForAbortAsync(Ct);
        Assert.Equal(1, ollama.AbortedRequests);
    }

    [Fact]
    public async Task CancelMidStream_WithDrainingOff_AbortsTheServerEvenForAShortRest()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        // With the default handler the rest of this answer (0.6 s) would be drained and generated to the end.
        using var http = Http(ollama, new SocketsHttpHandler { MaxResponseDrainSize = 0 });
        ollama.Enqueue(Reply.TextWithDelays(TimeSpan.FromMilliseconds(200), "a", "b", "c", "d"));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await foreach (var _ in Chat(http).GetStreamingResponseAsync("Hello?", null, cts.Token))
            cts.Cancel();

        await ollama.WaitForAbortAsync(Ct);
    }

    [Fact]
    public async Task CancelBeforeTheFirstToken_ThrowsTaskCanceledException_AndAbortsTheServer()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Enqueue(Reply.SlowFirstToken(TimeSpan.FromSeconds(30), "late"));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var reading = StreamAsync(Chat(http), "Hello?", cancellation: cts.Token);
        await ollama.WaitForRequestAsync(1, Ct);
        cts.Cancel();

        // Still waiting for the response headers, so HttpClient's own cancellation applies.
        await Assert.ThrowsAsync<TaskCanceledException>(() => reading);
        await ollama.WaitForAbortAsync(Ct);
    }

    [Fact]
    public async Task HttpClientTimeout_BeforeTheFirstToken_ThrowsTaskCanceledException_WithTimeoutExceptionInside()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama, timeout: TimeSpan.FromSeconds(1));
        var chat = Chat(http);
        await StreamAsync(chat, "Warm up"); // The first request's start-up costs must not count against the timeout.
        ollama.Enqueue(Reply.SlowFirstToken(TimeSpan.FromSeconds(30), "late"));

        var ex = await Assert.ThrowsAsync<TaskCanceledException>(() => StreamAsync(chat, "Hello?"));

        Assert.Equal("The request was canceled due to the configured HttpClient.Timeout of 1 seconds elapsing.", ex.Message);
        Assert.IsType<TimeoutException>(ex.InnerException);
        await ollama.WaitForAbortAsync(Ct);
    }

    [Fact]
    public async Task HttpClientTimeout_DoesNotCoverTheStreamOnceTheFirstChunkArrived()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama, timeout: TimeSpan.FromSeconds(1));
        var chat = Chat(http);
        await StreamAsync(chat, "Warm up");
        // A stall of 2.5 s in mid-answer, longer than the timeout: streaming reads the body after the headers came,
        // outside HttpClient.Timeout, so a stalled stream must be bounded some other way.
        ollama.Enqueue(Reply.TimedText(("Still ", TimeSpan.Zero), ("here", TimeSpan.FromSeconds(2.5))));

        var updates = await StreamAsync(chat, "Hello?");

        Assert.Equal("Still here", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(0, ollama.AbortedRequests);
    }

    [Fact]
    public async Task ChatOptions_TemperatureAndMaxOutputTokens_AreSentAsOptionsTemperatureAndNumPredict()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);

        await StreamAsync(Chat(http), "Hello?", new ChatOptions { Temperature = 0.1f, MaxOutputTokens = 2000 });

        var request = Assert.Single(ollama.Requests);
        Assert.Equal("""{"temperature":0.1,"num_predict":2000}""", request["options"]!.ToJsonString());
    }

    [Fact]
    public async Task StreamingWithFunctionInvocation_TheCallerSeesTheCallAsAssistant_AndTheResultAsTool()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var weather = AIFunctionFactory.Create((string city) => $"Sunny in {city}, 21 degrees", "get_weather", "Get the weather in a given city");
        ollama.Enqueue(Reply.ToolCall("get_weather", new { city = "Tokyo" }), Reply.Text("It is sunny", " in Tokyo."));

        var updates = await StreamAsync(Tools(http), "What is the weather in Tokyo?", new ChatOptions { Tools = [weather] });

        var callAt = updates.FindIndex(u => u.Contents.OfType<FunctionCallContent>().Any());
        var resultAt = updates.FindIndex(u => u.Contents.OfType<FunctionResultContent>().Any());
        var textAt = updates.FindIndex(u => u.Text.Length > 0);
        Assert.True(callAt >= 0 && callAt < resultAt && resultAt < textAt, $"call {callAt}, result {resultAt}, text {textAt}");
        var call = Assert.Single(updates[callAt].Contents.OfType<FunctionCallContent>());
        Assert.Equal(ChatRole.Assistant, updates[callAt].Role);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Tokyo", call.Arguments!["city"]?.ToString());
        var result = Assert.Single(updates[resultAt].Contents.OfType<FunctionResultContent>());
        Assert.Equal(ChatRole.Tool, updates[resultAt].Role);
        Assert.Equal(call.CallId, result.CallId);
        Assert.Equal("Sunny in Tokyo, 21 degrees", result.Result?.ToString());
        Assert.Equal("It is sunny in Tokyo.", string.Concat(updates.Skip(resultAt).Select(u => u.Text)));
        // Each of the two requests ends with its own done chunk, so the caller sees two Stop finish reasons.
        Assert.Equal(2, updates.Count(u => u.FinishReason == ChatFinishReason.Stop));
    }

    [Fact]
    public async Task FencedJsonToolCall_IsPlainText_NothingIsInvoked()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var invoked = false;
        var weather = AIFunctionFactory.Create((string city) => invoked = true, "get_weather", "Get the weather in a given city");
        ollama.Enqueue(Reply.FencedJsonToolCall("get_weather", new { city = "Tokyo" }));

        var updates = await StreamAsync(Tools(http), "What is the weather in Tokyo?", new ChatOptions { Tools = [weather] });

        Assert.Equal("```json\n{\"name\": \"get_weather\", \"parameters\": {\"city\":\"Tokyo\"}}\n```", string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) > 3, "the block arrives in pieces");
        Assert.DoesNotContain(updates, u => u.Contents.OfType<FunctionCallContent>().Any());
        Assert.False(invoked);
        Assert.Equal(1, ollama.ChatRequestCount);
    }

    [Fact]
    public async Task TagsAndVersion_ReadByOllamaSharp()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var api = new OllamaApiClient(http, "llama3.2");

        Assert.Equal(FakeOllamaServer.Version, await api.GetVersionAsync(Ct));
        var model = Assert.Single(await api.ListLocalModelsAsync(Ct));
        Assert.Equal("llama3.2:latest", model.Name);
        Assert.Equal("llama", model.Details?.Family);
        ollama.Models = [];
        Assert.Empty(await api.ListLocalModelsAsync(Ct));
    }

    [Fact]
    public async Task Wire_StreamIsNdjson_OneCompleteObjectPerLine_EndingWithTheDoneObject()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Enqueue(Reply.ToolCall("get_weather", new { city = "Tokyo" }), Reply.Text("Hi", " there"));

        var toolLines = await PostChatAsync(http, """{"model":"llama3.2","messages":[{"role":"user","content":"weather?"}]}""");
        var textLines = await PostChatAsync(http, """{"model":"llama3.2:latest","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(2, toolLines.Count);
        var call = toolLines[0]["message"]!;
        Assert.Equal("", (string?)call["content"]);
        Assert.Equal("""{"index":0,"name":"get_weather","arguments":{"city":"Tokyo"}}""", call["tool_calls"]![0]!["function"]!.ToJsonString());
        Assert.Equal(["Hi", " there", ""], textLines.Select(l => (string?)l["message"]!["content"]));
        Assert.Equal("llama3.2:latest", (string?)textLines[0]["model"]);
        Assert.True(DateTimeOffset.TryParse((string?)textLines[0]["created_at"], out _));
        Assert.All(textLines.SkipLast(1), l => Assert.False((bool?)l["done"]));
        var done = textLines[^1];
        Assert.True((bool?)done["done"]);
        Assert.Equal("stop", (string?)done["done_reason"]);
        Assert.All(["total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration"],
            field => Assert.True(done[field]!.GetValue<long>() > 0, field));
    }

    [Fact]
    public async Task Wire_NonStreaming_UnknownModel_AndMidStreamError()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Enqueue(Reply.Text("Hi", " there"), Reply.MidStreamError(["Yes"], "an error was encountered while running the model"));

        using var missing = await http.PostAsync("api/chat", Json("""{"model":"mistral","messages":[{"role":"user","content":"hi"}]}"""), Ct);
        using var whole = await http.PostAsync("api/chat", Json("""{"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"hi"}]}"""), Ct);
        var broken = await PostChatAsync(http, """{"model":"llama3.2","messages":[{"role":"user","content":"hi"}]}""");

        // The unknown model used up no reply.
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("""{"error":"model 'mistral' not found"}""", await missing.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/json", whole.Content.Headers.ContentType?.MediaType);
        var body = (await whole.Content.ReadFromJsonAsync<JsonNode>(Ct))!;
        Assert.Equal("Hi there", (string?)body["message"]!["content"]);
        Assert.True((bool?)body["done"]);
        Assert.Equal(["""{"error":"an error was encountered while running the model"}"""], broken.Skip(1).Select(l => l.ToJsonString()));
        Assert.Equal(3, ollama.ChatRequestCount);
    }

    private const string RouteSchema = """
        {"type":"object","properties":{"specialist":{"type":"string","enum":["cost","compute","storage","finops","smalltalk"],"description":"Who answers"}},"required":["specialist"]}
        """;

    [Fact]
    public async Task ResponseFormat_JsonSchema_IsSentAsFormat_AndJsonAsTheStringJson()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var chat = Chat(http);

        await chat.GetResponseAsync("Route: should we buy RIs?", SchemaOptions(), Ct);
        await chat.GetResponseAsync("Any JSON?", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, Ct);

        var format = ollama.Requests[0]["format"]!;
        Assert.Equal(["cost", "compute", "storage", "finops", "smalltalk"], format["properties"]!["specialist"]!["enum"]!.AsArray().Select(v => (string?)v));
        // OllamaSharp 5.5.2 sends the schema exactly as given: it adds no additionalProperties:false, and the schema's
        // name ("route") and description are not sent at all.
        Assert.Equal(JsonNode.Parse(RouteSchema)!.ToJsonString(), format.ToJsonString());
        Assert.Null(format["additionalProperties"]);
        Assert.Equal("\"json\"", ollama.Requests[1]["format"]!.ToJsonString());
    }

    [Fact]
    public async Task ReplyJson_UnderASchema_IsTheResponseText_AndStreamsInPieces()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var chat = Chat(http);
        ollama.Enqueue(Reply.Json(new { specialist = "finops" }), Reply.Json(new { specialist = "storage" }));

        var whole = await chat.GetResponseAsync("Route: should we buy RIs?", SchemaOptions(), Ct);
        var updates = await StreamAsync(chat, "Route: cut our blob costs", SchemaOptions());

        Assert.Equal("""{"specialist":"finops"}""", whole.Text);
        Assert.Equal("finops", (string?)JsonNode.Parse(whole.Text)!["specialist"]);
        Assert.Equal(Reply.JsonPieces, updates.Count(u => u.Text.Length > 0));
        Assert.Equal("storage", (string?)JsonNode.Parse(string.Concat(updates.Select(u => u.Text)))!["specialist"]);
        Assert.Empty(ollama.FormatViolations);
    }

    [Fact]
    public async Task ScriptedTextUnderASchema_IsRefused_500ForGetResponse_ErrorLineForStreaming_AndRecorded()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var chat = Chat(http);
        ollama.Enqueue(Reply.Text("The ", "FinOps advisor."), Reply.Json(new { specialist = "budget" }));

        var whole = await Assert.ThrowsAsync<HttpRequestException>(() => chat.GetResponseAsync("Route: RIs?", SchemaOptions(), Ct));
        var updates = await StreamAsync(chat, "Route: RIs?", SchemaOptions());

        Assert.Equal(HttpStatusCode.InternalServerError, whole.StatusCode);
        // GetResponseAsync: OllamaSharp does not read a 500's body, so the reason is only in FormatViolations.
        Assert.Equal("Response status code does not indicate success: 500 (Internal Server Error).", whole.Message);
        // Streaming: no exception; the error line is one update with no text, role "unknown" and no finish reason.
        var error = Assert.Single(updates);
        Assert.Equal("", error.Text);
        Assert.Equal("unknown", error.Role?.Value);
        Assert.Null(error.FinishReason);
        Assert.Equal([
            "the content is not JSON ('T' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.): The FinOps advisor.",
            """$.specialist: string "budget" is not one of ["cost","compute","storage","finops","smalltalk"]""",
        ], ollama.FormatViolations);
    }

    [Fact]
    public async Task ScriptedViolation_OnTheWire_Is500Json_OrA200StreamOfOneErrorLine()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Enqueue(Reply.Text("[1]"), Reply.Text("[1]"));
        const string request = """{"model":"llama3.2","format":"json","messages":[{"role":"user","content":"hi"}]""";

        using var whole = await http.PostAsync("api/chat", Json(request + ""","stream":false}"""), Ct);
        var lines = await PostChatAsync(http, request + "}");

        var expected = FakeOllamaServer.ViolationPrefix + "\"json\" asks for a JSON object, the content is array [1]";
        Assert.Equal(HttpStatusCode.InternalServerError, whole.StatusCode);
        AssertOnlyError(expected, JsonNode.Parse(await whole.Content.ReadAsStringAsync(Ct))!);
        AssertOnlyError(expected, Assert.Single(lines));
    }

    [Fact]
    public async Task NothingScripted_UnderAFormat_GetsTheLeastValidInstance()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        var chat = Chat(http);

        var routed = await chat.GetResponseAsync("Route: RIs?", SchemaOptions(), Ct);
        var json = await StreamAsync(chat, "Any JSON?", new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        var plain = await chat.GetResponseAsync("Hello?", cancellationToken: Ct);

        Assert.Equal("""{"specialist":"cost"}""", routed.Text);
        Assert.Equal("{}", string.Concat(json.Select(u => u.Text)));
        Assert.Equal("Echo: Hello?", plain.Text);
    }

    [Theory]
    [InlineData("\"xml\"", "invalid format: \"\\\"xml\\\"\"; expected \"json\" or a valid JSON Schema object")]
    [InlineData("42", "invalid format: \"42\"; expected \"json\" or a valid JSON Schema object")]
    [InlineData("[\"json\"]", "invalid format: \"[\\\"json\\\"]\"; expected \"json\" or a valid JSON Schema object")]
    public async Task InvalidFormat_IsRefusedAsOllamaRefusesIt_WithoutUsingUpAReply(string format, string message)
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Enqueue(Reply.Text("kept"));
        var request = $$"""{"model":"llama3.2","format":{{format}},"messages":[{"role":"user","content":"hi"}]""";

        using var whole = await http.PostAsync("api/chat", Json(request + ""","stream":false}"""), Ct);
        var lines = await PostChatAsync(http, request + "}");
        var after = await Chat(http).GetResponseAsync("Hello?", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, whole.StatusCode);
        Assert.Equal("application/json", whole.Content.Headers.ContentType?.MediaType);
        AssertOnlyError(message, JsonNode.Parse(await whole.Content.ReadAsStringAsync(Ct))!);
        AssertOnlyError(message, Assert.Single(lines));
        Assert.Equal("kept", after.Text);
        Assert.Empty(ollama.FormatViolations);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    public async Task AbsentNullOrEmptyFormat_IsNoConstraint(string? format)
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        using var http = Http(ollama);
        ollama.Enqueue(Reply.Text("plain ", "text"));
        var field = format is null ? "" : $"\"format\":{format},";

        using var whole = await http.PostAsync("api/chat", Json($$"""{"model":"llama3.2",{{field}}"stream":false,"messages":[{"role":"user","content":"hi"}]}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("plain text", (string?)(await whole.Content.ReadFromJsonAsync<JsonNode>(Ct))!["message"]!["content"]);
    }

    [Theory]
    [InlineData("""{"specialist":"cost"}""", null)]
    [InlineData("""{"specialist":"budget"}""", "$.specialist: string \"budget\" is not one of [\"cost\",\"compute\"]")]
    [InlineData("""{}""", "$: the required property \"specialist\" is missing")]
    [InlineData("""{"specialist":"cost","why":"RIs"}""", "$.why: the property is not allowed (additionalProperties is false)")]
    [InlineData("""{"specialist":"cost","scope":{"subscription":3}}""", "$.scope.subscription: expected string, got number 3")]
    [InlineData("""{"specialist":"cost","tags":[]}""", "$.tags: 0 items, fewer than minItems 1")]
    [InlineData("""{"specialist":"cost","tags":["a","b","c"]}""", "$.tags: 3 items, more than maxItems 2")]
    [InlineData("""{"specialist":"cost","tags":["a",1]}""", "$.tags[1]: expected string, got number 1")]
    [InlineData("""{"specialist":"cost","confidence":null}""", null)]
    [InlineData("""{"specialist":"cost","confidence":0.5}""", "$.confidence: expected integer or null, got number 0.5")]
    [InlineData("""{"specialist":"cost","confidence":2}""", null)]
    [InlineData("""{"specialist":"cost","version":2}""", "$.version: expected the constant 1, got number 2")]
    [InlineData("""["cost"]""", "$: expected object, got array [\"cost\"]")]
    public void Validator_ChecksTheKeywordsAGrammarHonours(string instance, string? firstError)
    {
        var schema = JsonNode.Parse("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"route","type":"object","additionalProperties":false,
             "properties":{
               "specialist":{"type":"string","enum":["cost","compute"],"description":"who answers"},
               "scope":{"type":"object","properties":{"subscription":{"type":"string"}},"required":["subscription"]},
               "tags":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":2},
               "confidence":{"type":["integer","null"]},
               "version":{"const":1}},
             "required":["specialist"]}
            """)!;

        var errors = JsonSchemaSubset.Validate(JsonNode.Parse(instance), schema);

        Assert.Equal(firstError, errors.FirstOrDefault());
    }

    [Fact]
    public void MinimalInstance_IsTheLeastValidValue_AndValid()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{
               "specialist":{"type":"string","enum":["cost","compute"]},
               "optional":{"type":"string"},
               "name":{"type":"string"}, "count":{"type":"integer"}, "ratio":{"type":"number"}, "ok":{"type":"boolean"},
               "maybe":{"type":["null","string"]}, "version":{"const":"v1"},
               "scope":{"type":"object","properties":{"subscription":{"type":"string"},"extra":{"type":"string"}},"required":["subscription"]},
               "tags":{"type":"array","items":{"type":"string","enum":["a","b"]},"minItems":2},
               "none":{"type":"array"}},
             "required":["none","specialist","name","count","ratio","ok","maybe","version","scope","tags"]}
            """)!;

        var minimal = JsonSchemaSubset.MinimalInstance(schema);

        Assert.Equal("""{"specialist":"cost","name":"","count":0,"ratio":0,"ok":false,"maybe":null,"version":"v1","scope":{"subscription":""},"tags":["a","a"],"none":[]}""",
            minimal!.ToJsonString());
        Assert.Empty(JsonSchemaSubset.Validate(minimal, schema));
    }

    /// <summary>An Ollama error object: <c>{"error":message}</c> and nothing else.</summary>
    private static void AssertOnlyError(string message, JsonNode body)
    {
        Assert.Equal(["error"], body.AsObject().Select(p => p.Key));
        Assert.Equal(message, (string?)body["error"]);
    }

    private static ChatOptions SchemaOptions() => new()
    {
        ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(RouteSchema).RootElement, "route", "The specialist who answers"),
    };

    public sealed class CostsPlugin
    {
        public List<string> Asked { get; } = [];

        [KernelFunction("get_total"), Description("The total cost of a subscription, in euros")]
        public decimal GetTotal([Description("The subscription's name")] string subscription)
        {
            Asked.Add(subscription);
            return 1234.5m;
        }
    }

    private static HttpClient Http(FakeOllamaServer ollama, HttpMessageHandler? handler = null, TimeSpan? timeout = null) =>
        new(handler ?? new SocketsHttpHandler()) { BaseAddress = ollama.BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    private static IChatClient Chat(HttpClient http) => new OllamaApiClient(http, "llama3.2");

    private static IChatClient Tools(HttpClient http) => new ChatClientBuilder(Chat(http)).UseFunctionInvocation().Build();

    private static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient chat, string prompt, ChatOptions? options = null, CancellationToken? cancellation = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(prompt, options, cancellation ?? Ct))
            updates.Add(update);
        return updates;
    }

    /// <summary>The last message of <paramref name="role"/> in a recorded request.</summary>
    private static JsonNode Message(JsonNode request, string role) =>
        request["messages"]!.AsArray().Last(m => (string?)m!["role"] == role)!;

    /// <summary>The content of the last tool message, which OllamaSharp sends as JSON: {"CallId":...,"Result":...}.</summary>
    private static JsonNode ToolResult(JsonNode request) => JsonNode.Parse((string)Message(request, "tool")["content"]!)!;

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Posts to /api/chat and returns the NDJSON answer's lines, each parsed on its own.</summary>
    private static async Task<List<JsonObject>> PostChatAsync(HttpClient http, string json)
    {
        using var response = await http.PostAsync("api/chat", Json(json), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.EndsWith("\n", text);
        return [.. text.TrimEnd('\n').Split('\n').Select(line => JsonNode.Parse(line)!.AsObject())];
    }
}
