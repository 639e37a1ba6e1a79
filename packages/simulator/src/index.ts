/**
 * @lumay/simulator: a fleet of simulated voice agents sending realistic calls to a LuMay plane
 * through @lumay/telemetry, with the KPIs it intended as ground truth. `lumay simulate` runs it.
 */
export { simulate, type SimulationOptions, type SimulationTruth, type TenantKey, type TenantTruth } from './simulate.js';
export { applyIncidents, parseIncident, INCIDENT_USAGE, type Incident, type IncidentWindow } from './incidents.js';
export { planBatch, batchSeed, type BatchRequest } from './fleet-plan.js';
export { replayCall } from './replay-call.js';
export { runSimulateCommand, parseSimulateArgs, SIMULATE_USAGE, UsageError } from './simulate-command.js';
