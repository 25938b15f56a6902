package org.peakpilot.platform;

/**
 * How a module shows the recorded before/after state of its own audit records on the audit page: the city
 * administrator reads, by default, a readable form (for a factor: its citation and verification tag instead of the
 * library's internal research notes), and the stored JSON unchanged behind the page's "raw record" switch. A module
 * registers a bean of this type for the entity types it writes; a state no view claims is shown as stored.
 */
public interface AuditView {

	/** Whether this view renders the states of records of the entity type ("factor", "report", …). */
	boolean shows(String entityType);

	/** The readable form of one stored state (JSON text), in the request's language; never null for a non-null state. */
	String readable(String entityType, String json);
}
