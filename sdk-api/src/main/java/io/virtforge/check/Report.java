package io.virtforge.check;

import io.virtforge.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The findings of a validation, errors first. Rendered as text for people ({@link #toText()}) and as
 * JSON for machines ({@link #toJson()}: {@code {"findings":[{"code":...,"severity":...,"path":...,
 * "message":...,"hint":...}]}}).
 */
public final class Report {
    private static final Report EMPTY = new Report(List.of());
    private final List<Finding> findings;

    private Report(List<Finding> findings) {
        this.findings = findings;
    }

    /** A report of the given findings, sorted by severity (stable otherwise). */
    public static Report of(List<Finding> findings) {
        if (findings.isEmpty()) {
            return EMPTY;
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::severity));
        return new Report(List.copyOf(sorted));
    }

    /** A report without findings. */
    public static Report empty() {
        return EMPTY;
    }

    /** Both reports' findings. */
    public Report and(Report other) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(other.findings);
        return of(all);
    }

    /** All findings, errors first. */
    public List<Finding> findings() {
        return findings;
    }

    /** The findings of one severity. */
    public List<Finding> findings(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    /** The findings with one code. */
    public List<Finding> findings(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    /** True when a finding has the code. */
    public boolean has(String code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }

    /** True when any finding is an error. */
    public boolean hasErrors() {
        return !findings.isEmpty() && findings.get(0).severity() == Severity.ERROR;
    }

    /** The errors. */
    public List<Finding> errors() {
        return findings(Severity.ERROR);
    }

    /** The warnings. */
    public List<Finding> warnings() {
        return findings(Severity.WARNING);
    }

    /** True when there are no findings at all. */
    public boolean isClean() {
        return findings.isEmpty();
    }

    /** The report for people: one finding per line, and a summary. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append(f.severity()).append(' ').append(f.code()).append('\n')
                    .append("  at   ").append(f.path()).append('\n')
                    .append("  ").append(f.message()).append('\n');
            if (!f.hint().isEmpty()) {
                sb.append("  fix: ").append(f.hint()).append('\n');
            }
        }
        sb.append(errors().size()).append(" error(s), ").append(warnings().size()).append(" warning(s), ")
                .append(findings(Severity.INFO).size()).append(" note(s)\n");
        return sb.toString();
    }

    /** The report as JSON. */
    public String toJson() {
        return Json.write(Map.of("findings", findings));
    }

    @Override
    public String toString() {
        return toText();
    }
}
