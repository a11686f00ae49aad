namespace ChatOpsWatch.Domain.Nodes;

/// <summary>How important a node is; it sets the default poll interval.</summary>
public enum NodeRole
{
    /// <summary>Revenue-carrying node, polled every 30 s by default.</summary>
    Core,

    /// <summary>Edge or CDN node, polled every 5 min by default.</summary>
    Edge,
}
