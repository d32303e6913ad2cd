package io.virtforge.connect;

import io.virtforge.model.NumaMode;
import io.virtforge.value.NodeSet;

/**
 * A domain's NUMA memory policy as the hypervisor reports it.
 *
 * @param mode  the policy
 * @param nodes the host nodes; empty when none are set
 */
public record NumaPolicy(NumaMode mode, NodeSet nodes) {
}
