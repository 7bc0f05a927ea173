using BlockStore.Agent.Drivers;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent;

/// <summary>Refuses to start on a configuration the agent cannot serve, with every mistake named at once.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ControlPlaneUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Agent:ControlPlaneUrl '{options.ControlPlaneUrl}' is not an http or https URL.");
        }

        ValidateTransport(options, failures);

        // '@' and '#' separate Cinder's host@backend#pool, so they may not appear inside a part.
        if (!IsNamePart(options.HostName))
        {
            failures.Add($"Agent:HostName '{options.HostName}' must be letters, digits, '.', '-' or '_'.");
        }

        foreach (var (key, value) in new[]
        {
            ("ReportInterval", options.ReportInterval), ("MaxPollInterval", options.MaxPollInterval), ("VisibilityTimeout", options.VisibilityTimeout),
            ("MaxAutoLockRenewalDuration", options.MaxAutoLockRenewalDuration),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Agent:{key} must be longer than zero.");
            }
        }

        if (options.Backends.Count == 0)
        {
            failures.Add("No backends are configured: set Agent:Backends:0:Name, Agent:Backends:0:Driver and Agent:Backends:0:DataDirectory " +
                "(environment: Agent__Backends__0__Name, …).");
        }

        for (var i = 0; i < options.Backends.Count; i++)
        {
            ValidateBackend($"Agent:Backends:{i}", options.Backends[i], failures);
        }

        foreach (var duplicate in options.Backends.GroupBy(b => b.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            failures.Add($"Backend name '{duplicate.Key}' is configured more than once.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTransport(AgentOptions options, List<string> failures)
    {
        if (string.Equals(options.Transport, AgentOptions.ServiceBusTransport, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.ServiceBusNamespace) && string.IsNullOrWhiteSpace(options.ServiceBusConnectionString))
            {
                failures.Add("Agent:Transport is ServiceBus: set Agent:ServiceBusNamespace (with an Entra ID identity) or Agent:ServiceBusConnectionString.");
            }

            if (string.IsNullOrWhiteSpace(options.ServiceBusQueueName))
            {
                failures.Add("Agent:ServiceBusQueueName may not be empty.");
            }
        }
        else if (string.Equals(options.Transport, AgentOptions.StorageQueueTransport, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.StorageConnectionString))
            {
                failures.Add("Agent:StorageConnectionString is required.");
            }
        }
        else
        {
            failures.Add($"Agent:Transport '{options.Transport}' is not supported: use '{AgentOptions.StorageQueueTransport}' or '{AgentOptions.ServiceBusTransport}'.");
        }
    }

    private static void ValidateBackend(string key, BackendOptions backend, List<string> failures)
    {
        if (!IsNamePart(backend.Name))
        {
            failures.Add($"{key}:Name '{backend.Name}' is required and must be letters, digits, '.', '-' or '_'.");
        }

        if (!DriverFactory.Names.Contains(backend.Driver.ToLowerInvariant()))
        {
            failures.Add($"{key}:Driver '{backend.Driver}' is not supported: this agent has the {string.Join(", ", DriverFactory.Names.Select(n => $"'{n}'"))} driver(s).");
        }

        if (string.IsNullOrWhiteSpace(backend.DataDirectory))
        {
            failures.Add($"{key}:DataDirectory is required (the command journal lives there).");
        }

        if (!IsNamePart(backend.EffectivePoolName))
        {
            failures.Add($"{key}:PoolName '{backend.PoolName}' must be letters, digits, '.', '-' or '_'.");
        }

        if (string.IsNullOrWhiteSpace(backend.AvailabilityZone))
        {
            failures.Add($"{key}:AvailabilityZone may not be empty.");
        }

        if (backend.CapacityGib is <= 0 or double.NaN)
        {
            failures.Add($"{key}:CapacityGib must be more than zero when set.");
        }

        if (backend.ReservedPercentage is < 0 or > 100)
        {
            failures.Add($"{key}:ReservedPercentage must be between 0 and 100.");
        }

        if (string.Equals(backend.Driver, DriverFactory.Lvm, StringComparison.OrdinalIgnoreCase))
        {
            backend.Lvm.Validate($"{key}:Lvm", failures);
        }

        backend.Iscsi.Validate($"{key}:Iscsi", failures);

        if (string.Equals(backend.Driver, DriverFactory.Rbd, StringComparison.OrdinalIgnoreCase))
        {
            backend.Rbd.Validate($"{key}:Rbd", failures);
        }
    }

    private static bool IsNamePart(string? value) =>
        !string.IsNullOrEmpty(value) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
