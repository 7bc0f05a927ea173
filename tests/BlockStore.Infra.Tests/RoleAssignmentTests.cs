using System.Text.Json.Nodes;

namespace BlockStore.Infra.Tests;

/// <summary>Every role assignment lives in infra/app/rbac.bicep, with named built-in role ids and stable names.</summary>
public sealed class RoleAssignmentTests
{
    private const string RoleAssignment = "Microsoft.Authorization/roleAssignments";

    [Fact]
    public async Task RoleAssignments_Compiled_AllComeFromTheRbacModule()
    {
        var template = await CompiledTemplate.LoadAsync();

        var assignments = template.OfType(RoleAssignment);

        Assert.NotEmpty(assignments);
        Assert.All(assignments, assignment => Assert.Equal("rbac", assignment.Deployment));
        // guid(scope, principal, role): a redeployment finds the same assignment instead of adding a second one.
        Assert.All(assignments, assignment => Assert.StartsWith("[guid(", assignment.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RoleIds_Compiled_AreTheNamedBuiltInRoles()
    {
        var roles = await RolesAsync();

        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", roles["storageBlobDataOwner"]);
        Assert.Equal("974c5e8b-45b9-4653-ba55-5f855dd0fb88", roles["storageQueueDataContributor"]);
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", roles["storageTableDataContributor"]);
        Assert.Equal("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", roles["serviceBusDataSender"]);
        Assert.Equal("4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", roles["serviceBusDataReceiver"]);
        Assert.Equal("3913510d-42f4-4e42-8a64-420c390055eb", roles["monitoringMetricsPublisher"]);
    }

    [Fact]
    public async Task AppIdentity_Compiled_GetsDurableStorageRolesSenderAndMetricsPublisher()
    {
        var template = await CompiledTemplate.LoadAsync();

        var app = RoleExpressions(template, principal: "reference('appIdentity')");

        // Durable Functions on Azure Storage needs blobs, queues and tables.
        Assert.Contains("variables('storageRoles')", app);
        Assert.Equal(
            ["storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor"],
            RbacVariable(template, "storageRoles").AsArray().Select(role => RoleName(role!.GetValue<string>())));
        Assert.Contains("variables('roles').serviceBusDataSender", app);
        Assert.Contains("variables('roles').monitoringMetricsPublisher", app);
        Assert.DoesNotContain(app, role => role.Contains("serviceBusDataReceiver", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Agents_Compiled_OnlyReceiveCommands()
    {
        var template = await CompiledTemplate.LoadAsync();

        var agents = RoleExpressions(template, principal: "parameters('agentPrincipalIds')");

        // Agents reply over HTTPS, so they never send.
        Assert.Equal(["variables('roles').serviceBusDataReceiver"], agents);
        Assert.Equal("array", template.Root["parameters"]!["agentPrincipalIds"]!["type"]!.GetValue<string>());
    }

    private static async Task<Dictionary<string, string>> RolesAsync()
    {
        var template = await CompiledTemplate.LoadAsync();
        return RbacVariable(template, "roles").AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>());
    }

    private static JsonNode RbacVariable(CompiledTemplate template, string name) =>
        template.OfType(RoleAssignment)[0].Template["variables"]![name]!;

    private static string RoleName(string expression) =>
        expression.Replace("[variables('roles').", "", StringComparison.Ordinal).TrimEnd(']');

    /// <summary>The role expressions of the assignments whose principal id contains the given expression.</summary>
    private static List<string> RoleExpressions(CompiledTemplate template, string principal) =>
        [.. template.OfType(RoleAssignment)
            .Where(assignment => assignment.Properties["principalId"]!.GetValue<string>().Contains(principal, StringComparison.Ordinal))
            .Select(assignment => RoleOf(assignment))];

    private static string RoleOf(TemplateResource assignment)
    {
        var id = assignment.Properties["roleDefinitionId"]!.GetValue<string>();
        const string Prefix = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ";
        Assert.StartsWith(Prefix, id, StringComparison.Ordinal);
        var role = id[Prefix.Length..^")]".Length];
        // A loop over a role list shows up as that list indexed by copyIndex().
        return role.EndsWith("[copyIndex()]", StringComparison.Ordinal) ? role[..^"[copyIndex()]".Length] : role;
    }
}
