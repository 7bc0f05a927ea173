namespace BlockStore.ControlPlane.Tests.Workflows;

/// <summary>One Azurite and one test host for all workflow tests: starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class WorkflowCollection : ICollectionFixture<WorkflowHostFixture>
{
    public const string Name = "workflows";
}
