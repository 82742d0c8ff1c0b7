using System.Text;
using Microsoft.Win32.SafeHandles;
using Steepest.Cli;
using Steepest.Distributed.Mpi;

if (MpiRuntime.LauncherRank is null) return CliHost.Run(args, Console.Out, Console.Error, isConsole: true);

// Under mpirun each rank's stdout is a pseudo-terminal, and the first use of System.Console there writes the
// terminal's keypad-mode escape sequence ahead of our output, which breaks --json. Plain streams on the
// inherited descriptors carry exactly the bytes we write.
using var stdout = RawDescriptor(1);
using var stderr = RawDescriptor(2);
return CliHost.Run(args, stdout, stderr);

static StreamWriter RawDescriptor(int descriptor) =>
    new(new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 1), new UTF8Encoding(false)) { AutoFlush = true };
