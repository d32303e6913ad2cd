package io.virtforge.testkit.assertions;

import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.check.Severity;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a validation {@link Report}; failures show the report's findings. */
public final class ReportAssert extends AbstractAssert<ReportAssert, Report> {
    ReportAssert(Report actual) {
        super(actual, ReportAssert.class);
    }

    private static String list(List<Finding> findings) {
        return findings.isEmpty() ? "  (none)" : findings.stream().map(f -> "  " + f).collect(Collectors.joining("\n"));
    }

    /** No finding is an error. */
    public ReportAssert hasNoErrors() {
        isNotNull();
        if (actual.hasErrors()) {
            failWithMessage("Expecting no errors but the report has %d:%n%s", actual.errors().size(),
                    list(actual.errors()));
        }
        return this;
    }

    /** At least one finding is an error. */
    public ReportAssert hasErrors() {
        isNotNull();
        if (!actual.hasErrors()) {
            failWithMessage("Expecting errors but the report has none; its findings:%n%s", list(actual.findings()));
        }
        return this;
    }

    /** No findings at all. */
    public ReportAssert isClean() {
        isNotNull();
        if (!actual.isClean()) {
            failWithMessage("Expecting no findings but the report has:%n%s", list(actual.findings()));
        }
        return this;
    }

    /** A finding has this code. */
    public ReportAssert hasFinding(String code) {
        isNotNull();
        if (!actual.has(code)) {
            failWithMessage("Expecting a finding %s but the report has:%n%s", code, list(actual.findings()));
        }
        return this;
    }

    /** A finding has this code and severity. */
    public ReportAssert hasFinding(String code, Severity severity) {
        isNotNull();
        List<Finding> withCode = actual.findings(code);
        if (withCode.stream().noneMatch(f -> f.severity() == severity)) {
            failWithMessage("Expecting a finding %s of severity %s but %s", code, severity, withCode.isEmpty()
                    ? "the report has:\n" + list(actual.findings()) : "it has:\n" + list(withCode));
        }
        return this;
    }

    /** No finding has this code. */
    public ReportAssert hasNoFinding(String code) {
        isNotNull();
        if (actual.has(code)) {
            failWithMessage("Expecting no finding %s but the report has:%n%s", code, list(actual.findings(code)));
        }
        return this;
    }
}
