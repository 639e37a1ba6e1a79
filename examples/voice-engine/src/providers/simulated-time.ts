/** Waits `millis` of simulated time, scaled by the engine's time scale (1 = real time). */
export function sleepScaled(millis: number, timeScale: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, millis * timeScale)));
}
