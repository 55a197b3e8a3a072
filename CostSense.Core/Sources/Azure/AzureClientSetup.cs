using Azure.Core;
using Azure.Core.Pipeline;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// What a host may give the Azure clients instead of the defaults: a credential (tests pass a double) and a transport
/// (tests pass one that trusts exactly their fake Azure's certificate; a proxy setup could pass its own). Registered only
/// by whoever needs it; without it the credential comes from <see cref="AzureOptions"/> and the transport is Azure.Core's.
/// </summary>
public sealed record AzureClientSetup(TokenCredential? Credential = null, HttpPipelineTransport? Transport = null);
