package io.virtforge.plan;

import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.Map;

/**
 * What one host node can still give a new domain, computed once per plan.
 *
 * @param id         the node id
 * @param socket     its socket (the node id when unknown)
 * @param free       CPUs no domain pins anything to, not reserved: candidates for dedicated vCPUs
 * @param freeCores  the node's cores whose every thread is free, each as its set of threads, in order
 * @param freeCoreThreadSet the threads of {@code freeCores}, as one set
 * @param partial    free threads of cores that are partly taken
 * @param shared     CPUs shared vCPUs may float over (not reserved, not isolated, not dedicated to others)
 * @param sharedLoad shared vCPUs other domains already float over this node's CPUs
 * @param freePages  free huge pages per size
 * @param smallFree  base-page memory left, in bytes (after huge page pools, other domains, the RAM ratio)
 */
record NodeResources(int id, int socket, CpuSet free, List<CpuSet> freeCores, CpuSet freeCoreThreadSet,
        CpuSet partial, CpuSet shared, int sharedLoad, Map<PageSize, Long> freePages, long smallFree) {

    /** Free threads over all free cores. */
    int freeCoreThreads() {
        return freeCoreThreadSet.size();
    }
}
