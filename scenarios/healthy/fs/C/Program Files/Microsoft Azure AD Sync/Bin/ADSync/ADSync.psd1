# marker: the simulator answers with ps/simulator/ADSync
