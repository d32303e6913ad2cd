package io.virtforge.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A named set of rules with severity overrides. {@link #STANDARD} checks structure and host facts;
 * {@link #LATENCY_SENSITIVE} adds the seed's production tuning checklist (as warnings) and makes a
 * guest NUMA layout bound to no host node an error.
 */
public final class Profile {
    /** Structure, host facts and the sanity of QoS limits. */
    public static final Profile STANDARD = new Profile("standard",
            concat(StructureRules.ALL, CpuRules.ALL, NumaRules.ALL, MemoryRules.ALL, DeviceRules.ALL,
                    MdevRules.ALL, QosRules.ALL), Map.of());
    /** STANDARD plus the production tuning checklist. */
    public static final Profile LATENCY_SENSITIVE = STANDARD.named("latency-sensitive").with(ChecklistRules.ALL)
            .withSeverity(NumaRules.NUMA_UNBOUND.code(), Severity.ERROR);

    private final String name;
    private final List<Rule> rules;
    private final Map<String, Severity> overrides;

    private Profile(String name, List<Rule> rules, Map<String, Severity> overrides) {
        this.name = name;
        this.rules = List.copyOf(rules);
        this.overrides = Map.copyOf(overrides);
    }

    @SafeVarargs
    private static List<Rule> concat(List<Rule>... lists) {
        List<Rule> all = new ArrayList<>();
        for (List<Rule> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /** A profile by name: standard or latency-sensitive. */
    public static Profile forName(String name) {
        return switch (name) {
            case "standard" -> STANDARD;
            case "latency-sensitive" -> LATENCY_SENSITIVE;
            default -> throw new IllegalArgumentException("unknown profile '" + name + "' (standard, latency-sensitive)");
        };
    }

    private Profile named(String newName) {
        return new Profile(newName, rules, overrides);
    }

    /** This profile plus more rules (a control plane's own, say). */
    public Profile with(List<Rule> more) {
        return new Profile(name, concat(rules, more), overrides);
    }

    /** This profile with one code at another severity. */
    public Profile withSeverity(String code, Severity severity) {
        Map<String, Severity> m = new HashMap<>(overrides);
        m.put(code, severity);
        return new Profile(name, rules, m);
    }

    /** This profile without the rules of one code. */
    public Profile without(String code) {
        return new Profile(name, rules.stream().filter(r -> !r.code().equals(code)).toList(), overrides);
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The rules, in the order they run. */
    public List<Rule> rules() {
        return rules;
    }

    /** True when this profile sets the severity of the rule's code itself. */
    public boolean overrides(Rule rule) {
        return overrides.containsKey(rule.code());
    }

    /** The severity a rule's findings get in this profile. */
    public Severity severityOf(Rule rule) {
        return overrides.getOrDefault(rule.code(), rule.severity());
    }
}
