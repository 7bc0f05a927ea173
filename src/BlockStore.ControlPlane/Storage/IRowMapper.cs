using Azure.Data.Tables;

namespace BlockStore.ControlPlane.Storage;

/// <summary>How one kind of project resource (volume, snapshot, …) maps to its Table row.</summary>
public interface IRowMapper<T>
{
    /// <summary>The prefix every row key of this kind starts with (<c>volume_</c>).</summary>
    string RowPrefix { get; }

    string ProjectOf(T row);

    string RowKeyOf(T row);

    TableEntity ToEntity(T row);

    T FromEntity(TableEntity entity);
}
