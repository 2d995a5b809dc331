import Foundation
import PackagePlugin

/// Carries the default rule files inside the binary, so `quotecheck` copied anywhere and run
/// from any directory still has its rules; `Rules/` stays the one editable source of truth.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rulesDirectory = context.package.directoryURL.appending(path: "Rules")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: rulesDirectory, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["yml", "yaml", "txt"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) rule files",
                executable: try context.tool(named: "EmbedRulesTool").url,
                arguments: [rulesDirectory.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
