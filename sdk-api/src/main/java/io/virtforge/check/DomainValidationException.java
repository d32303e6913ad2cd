package io.virtforge.check;

import io.virtforge.VirtforgeException;

/** A domain failed validation; the report says why and how to fix it. */
public final class DomainValidationException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final transient Report report;

    /** Creates the exception for a report with errors. */
    public DomainValidationException(String domain, Report report) {
        super("domain '" + domain + "' has " + report.errors().size() + " error(s):\n" + report.toText());
        this.report = report;
    }

    /** The report. */
    public Report report() {
        return report;
    }
}
