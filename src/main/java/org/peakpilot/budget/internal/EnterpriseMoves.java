package org.peakpilot.budget.internal;

import java.util.List;

import org.peakpilot.registry.RegistryModel.EnterpriseMoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An enterprise holder's execution rows and warnings carry a copy of its enterprise's county, park and industry, the
 * columns scope filters read. When the enterprise moves, the copies move inside the registry's transaction (a plain,
 * synchronous listener, like the other modules'), so the old county never reads them again, not even until the next
 * recompute; a failure here undoes the move. The published version's holder line (its parent) is a decision of the
 * version and stays as approved.
 */
@Component
class EnterpriseMoves {

	private static final Logger log = LoggerFactory.getLogger(EnterpriseMoves.class);

	/** The tables with owner copies, each with an index on enterprise_id. */
	static final List<String> OWNED_TABLES = List.of("budget_execution", "budget_warning");

	private final JdbcClient jdbc;

	EnterpriseMoves(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void moved(EnterpriseMoved moved) {
		int rows = 0;
		for (String table : OWNED_TABLES) {
			rows += jdbc.sql("UPDATE " + table + " SET county_code = :county, park_id = :park, industry_code = :industry WHERE enterprise_id = :e")
				.param("county", moved.countyCode()).param("park", moved.parkId()).param("industry", moved.industryCode())
				.param("e", moved.enterpriseId()).update();
		}
		log.debug("Moved {} budget rows of enterprise {} to county {}", rows, moved.enterpriseId(), moved.countyCode());
	}
}
