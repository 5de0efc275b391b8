import PreflightCommands

await PreflightCommand.runMain()
