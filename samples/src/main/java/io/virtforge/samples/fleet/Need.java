package io.virtforge.samples.fleet;

/** What a simulated request asks for beyond its flavour. */
public enum Need {
    /** Nothing more: any host with room. */
    PLAIN,
    /** A GPU of its NUMA node, on a host labelled {@code gpu}. */
    GPU,
    /** An SR-IOV VF of its NUMA node, on a host labelled {@code sriov}. */
    VF,
    /** A host of one availability zone ({@code az1}..{@code az3}). */
    ZONE
}
