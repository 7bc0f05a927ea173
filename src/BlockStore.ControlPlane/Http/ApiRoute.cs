namespace BlockStore.ControlPlane.Http;

/// <summary>One route of the API: the function name the Functions app gives it, its method and its template.</summary>
public sealed record ApiRoute(string Name, string Method, string Template);
