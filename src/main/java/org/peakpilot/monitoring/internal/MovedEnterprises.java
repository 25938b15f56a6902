package org.peakpilot.monitoring.internal;

import java.util.List;

import org.peakpilot.registry.RegistryModel.EnterpriseMoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Monitoring's rows carry a copy of their enterprise's county, park and industry, so that scope filters and
 * rollups by county stay on indexed columns of one table. The registry is the source of truth: when an enterprise
 * moves, the copies move with it inside the registry's transaction (a plain, synchronous listener), so a failure
 * here undoes the move. Readings, rollups and meter states carry no owner: they are read through their meter.
 */
@Component
class MovedEnterprises {

	private static final Logger log = LoggerFactory.getLogger(MovedEnterprises.class);

	/** The tables with owner copies, each with an index on enterprise_id. */
	static final List<String> OWNED_TABLES = List.of("monitoring_meter", "monitoring_gateway", "monitoring_quarantine",
			"monitoring_alarm", "monitoring_month_close");

	private final JdbcClient jdbc;
	private final Meters meters;

	MovedEnterprises(JdbcClient jdbc, Meters meters) {
		this.jdbc = jdbc;
		this.meters = meters;
	}

	@EventListener
	void moved(EnterpriseMoved moved) {
		meters.forget(moved.enterpriseId());
		int rows = 0;
		for (String table : OWNED_TABLES) {
			rows += jdbc.sql("""
					UPDATE %s SET county_code = :county, park_id = :park, industry_code = :industry WHERE enterprise_id = :e
					""".formatted(table))
				.param("county", moved.countyCode()).param("park", moved.parkId()).param("industry", moved.industryCode())
				.param("e", moved.enterpriseId()).update();
		}
		log.debug("Moved {} monitoring rows of enterprise {} to county {}", rows, moved.enterpriseId(), moved.countyCode());
	}
}
