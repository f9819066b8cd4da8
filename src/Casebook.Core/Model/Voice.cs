namespace Casebook.Core.Model;

public sealed record Voice(string Speaker, string Role, string Text);
