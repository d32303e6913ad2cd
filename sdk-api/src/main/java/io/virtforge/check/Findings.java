package io.virtforge.check;

import java.util.ArrayList;
import java.util.List;

/** Where a rule reports what it finds; the validator stamps each finding with the rule's code and severity. */
public final class Findings {
    private final List<Finding> found = new ArrayList<>();
    private String code;
    private Severity severity;
    private boolean overridden;

    Findings() {
    }

    void use(String ruleCode, Severity ruleSeverity, boolean profileOverride) {
        code = ruleCode;
        severity = ruleSeverity;
        overridden = profileOverride;
    }

    /** Reports a finding at {@code path}. */
    public void add(String path, String message, String hint) {
        found.add(new Finding(code, severity, path, message, hint));
    }

    /**
     * Reports a finding at a severity the rule chose itself (a rule whose severity depends on how bad
     * things are, like OVERCOMMIT); a profile's override of the rule's code still wins.
     */
    public void add(Severity chosen, String path, String message, String hint) {
        found.add(new Finding(code, overridden ? severity : chosen, path, message, hint));
    }

    List<Finding> all() {
        return found;
    }
}
