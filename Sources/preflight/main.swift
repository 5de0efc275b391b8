import PreflightCommands
PreflightCommand.main()
