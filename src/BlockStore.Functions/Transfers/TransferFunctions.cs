using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Transfers;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Transfers;

/// <summary>Volume transfer routes (<c>os-volume-transfer</c>, and <c>volume-transfers</c> from 3.55), bound to <see cref="TransfersApi"/>.</summary>
public sealed class TransferFunctions(TransfersApi transfers)
{
    [Function(nameof(ApiRoutes.OsTransfersCreate))]
    public Task<CinderResult> OsTransfersCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/os-volume-transfer")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        transfers.CreateAsync(WorkflowBinding.With(req, client), project_id, versioned: false);

    [Function(nameof(ApiRoutes.OsTransfersList))]
    public Task<CinderResult> OsTransfersListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-volume-transfer")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        transfers.ListAsync(WorkflowBinding.With(req, client), project_id, versioned: false);

    [Function(nameof(ApiRoutes.OsTransfersDetail))]
    public Task<CinderResult> OsTransfersDetailAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-volume-transfer/detail")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        transfers.ListDetailAsync(WorkflowBinding.With(req, client), project_id, versioned: false);

    [Function(nameof(ApiRoutes.OsTransfersShow))]
    public Task<CinderResult> OsTransfersShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-volume-transfer/{transfer_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string transfer_id) =>
        transfers.ShowAsync(WorkflowBinding.With(req, client), project_id, transfer_id, versioned: false);

    [Function(nameof(ApiRoutes.OsTransfersDelete))]
    public Task<CinderResult> OsTransfersDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/os-volume-transfer/{transfer_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string transfer_id) =>
        transfers.DeleteAsync(WorkflowBinding.With(req, client), project_id, transfer_id, versioned: false);

    [Function(nameof(ApiRoutes.OsTransfersAccept))]
    public Task<CinderResult> OsTransfersAcceptAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/os-volume-transfer/{transfer_id}/accept")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string transfer_id) =>
        transfers.AcceptAsync(WorkflowBinding.With(req, client), project_id, transfer_id, versioned: false);

    [Function(nameof(ApiRoutes.VolumeTransfersCreate))]
    public Task<CinderResult> VolumeTransfersCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/volume-transfers")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        transfers.CreateAsync(WorkflowBinding.With(req, client), project_id, versioned: true);

    [Function(nameof(ApiRoutes.VolumeTransfersList))]
    public Task<CinderResult> VolumeTransfersListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/volume-transfers")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        transfers.ListAsync(WorkflowBinding.With(req, client), project_id, versioned: true);

    [Function(nameof(ApiRoutes.VolumeTransfersDetail))]
    public Task<CinderResult> VolumeTransfersDetailAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/volume-transfers/detail")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        transfers.ListDetailAsync(WorkflowBinding.With(req, client), project_id, versioned: true);

    [Function(nameof(ApiRoutes.VolumeTransfersShow))]
    public Task<CinderResult> VolumeTransfersShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/volume-transfers/{transfer_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string transfer_id) =>
        transfers.ShowAsync(WorkflowBinding.With(req, client), project_id, transfer_id, versioned: true);

    [Function(nameof(ApiRoutes.VolumeTransfersDelete))]
    public Task<CinderResult> VolumeTransfersDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/volume-transfers/{transfer_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string transfer_id) =>
        transfers.DeleteAsync(WorkflowBinding.With(req, client), project_id, transfer_id, versioned: true);

    [Function(nameof(ApiRoutes.VolumeTransfersAccept))]
    public Task<CinderResult> VolumeTransfersAcceptAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/volume-transfers/{transfer_id}/accept")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string transfer_id) =>
        transfers.AcceptAsync(WorkflowBinding.With(req, client), project_id, transfer_id, versioned: true);
}
