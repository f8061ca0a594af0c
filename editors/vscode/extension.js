// Starts `claimlint server` for Markdown, MDX, HTML and plain-text documents. Everything
// else (diagnostics, hover, quick fixes) comes from the server over LSP.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const settings = vscode.workspace.getConfiguration("claimlint");
  const [command, ...args] = settings.get("command");
  const languages = ["markdown", "mdx", "html", "plaintext"];
  client = new LanguageClient(
    "claimlint",
    "claimlint",
    { command, args },
    {
      documentSelector: languages.flatMap((language) => [
        { scheme: "file", language },
        { scheme: "untitled", language },
      ]),
      initializationOptions: {
        online: settings.get("online"),
        debounce: settings.get("debounce"),
      },
    },
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
