package org.peakpilot.accounting.internal;

import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.DisplayNames;
import java.util.Set;

import org.peakpilot.platform.AuditView;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The accounting records on the audit page (a published factor version, a revised or restated report): every
 * {@code source} of a factor is shown as its citation ({@link DisplayNames#citation}) with its verification tag, and
 * the calculator's notes in the reader's language ({@link CalculationNotes}), so the library's internal research
 * notes are not on the page. The stored record stays complete and is shown unchanged behind the page's raw switch.
 */
@Component
class AccountingAuditView implements AuditView {

	private static final Set<String> TYPES = Set.of("factor", "report", "report-year");

	private final JsonMapper json;
	private final DisplayNames names;
	private final CalculationNotes notes;

	AccountingAuditView(JsonMapper json, DisplayNames names, CalculationNotes notes) {
		this.json = json;
		this.names = names;
		this.notes = notes;
	}

	@Override
	public boolean shows(String entityType) {
		return TYPES.contains(entityType);
	}

	@Override
	public String readable(String entityType, String state) {
		if (state == null) {
			return null;
		}
		try {
			JsonNode root = json.readTree(state);
			return json.writerWithDefaultPrettyPrinter().writeValueAsString(walk(root));
		}
		catch (RuntimeException ex) {
			// not JSON after all: its text, which no research note of a factor row can be part of unnoticed
			return state;
		}
	}

	private JsonNode walk(JsonNode node) {
		if (node instanceof ObjectNode o) {
			JsonNode source = o.get("source");
			if (source != null && source.isString()) {
				String code = o.hasNonNull("code") ? o.get("code").asString() : null;
				Factor.Tag tag = Factor.Tag.of(source.asString());
				o.remove("source");
				o.put("citation", code == null ? "" : names.citation(code));
				if (!o.has("tag")) {
					o.put("tag", tag.name());
				}
			}
			JsonNode n = o.get("notes");
			if (n instanceof ArrayNode list) {
				ArrayNode shown = o.putArray("notes");
				for (JsonNode x : list) {
					shown.add(x.isString() ? notes.note(x.asString()).text() : x.toString());
				}
			}
			JsonNode stored = o.get("notesJson");
			if (stored != null && stored.isString()) {
				// a stored result's notes, kept as JSON text
				JsonNode list = json.readTree(stored.asString());
				ArrayNode shown = json.createArrayNode();
				for (JsonNode x : list) {
					shown.add(x.isString() ? notes.note(x.asString()).text() : x.toString());
				}
				o.put("notesJson", json.writeValueAsString(shown));
			}
			for (String field : java.util.List.copyOf(o.propertyNames())) {
				walk(o.get(field));
			}
		}
		else if (node instanceof ArrayNode a) {
			for (JsonNode x : a) {
				walk(x);
			}
		}
		return node;
	}
}
