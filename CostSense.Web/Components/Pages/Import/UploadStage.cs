namespace CostSense.Web.Components.Pages.Import;

/// <summary>Where one uploaded file is on its way in: bytes over the circuit, then the importer's two passes.</summary>
public enum UploadStage
{
    Waiting,
    Uploading,
    Checking,
    Writing,
    Finishing,
    Imported,
    Refused,
}
