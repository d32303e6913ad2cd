package io.virtforge.plan;

/**
 * What one guest cell of a layout the planner tries asks of the host node it lands on: its dedicated vCPUs
 * (each needs a free CPU of that node) and its memory (all of it from one page size of that node). Public so
 * that callers that bound many hosts (the fleet planner) use the planner's own layouts
 * ({@link Planner#cellDemands}) instead of a copy of its split rules.
 *
 * @param dedicatedVcpus the cell's vCPUs that need CPUs of their own
 * @param memoryBytes    the cell's memory, in bytes
 */
public record CellDemand(int dedicatedVcpus, long memoryBytes) {
}
