// scripts/compare-outputs' helper: prints the JSON on stdin with the value of every key matching the regex args[0]
// replaced by "~", at any depth; input that is not JSON is printed as it came.
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

var keys = new Regex(args[0]);
string text = Console.In.ReadToEnd();
JsonNode? Mask(JsonNode? node)
{
    if (node is JsonObject o)
        foreach (var (k, v) in o.ToList()) o[k] = keys.IsMatch(k) ? JsonValue.Create("~") : Mask(v?.DeepClone());
    else if (node is JsonArray a)
        for (int i = 0; i < a.Count; i++) a[i] = Mask(a[i]?.DeepClone());
    return node;
}
try { Console.WriteLine(Mask(JsonNode.Parse(text))?.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); }
catch (JsonException) { Console.Write(text); }
