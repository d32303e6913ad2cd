package io.virtforge.monitor;

import io.virtforge.check.Finding;

/**
 * One tuning-drift finding and the domain it is about.
 *
 * @param domain  the domain's name
 * @param code    its code
 * @param finding the finding, as a validator's report holds it (its path names the domain)
 */
public record DriftFinding(String domain, DriftCode code, Finding finding) {
}
