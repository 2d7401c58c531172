// Preloaded into a measured process (`node -r`): on exit, writes the process's own CPU time (user +
// system, seconds) to stderr as `cpu-seconds: N`. Steadier than wall time on a machine that other
// processes share.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu-seconds: ${(user + system) / 1e6}\n`);
});
