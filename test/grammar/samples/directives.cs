// Client for the support bot.
// ai-posture-ignore-file AIP703 -- generated, reviewed until 2027-01-31
namespace Support;

/// <summary>A support bot.</summary> ai-posture-ignore AIP101 -- doc comments count too
public class Bot
{
    // Settings come from the vault.
    // ai-posture-ignore-next-line AIP102 -- until 2027-01-31 rotated weekly
    private const string Key = "// ai-posture-ignore AIP102 -- a string";

    private int limit = 1; // ai-posture-ignore AIP103 -- fixed
    /* ai-posture-ignore AIP104 -- block */
    //// ai-posture-ignore AIP105 -- four slashes
}
