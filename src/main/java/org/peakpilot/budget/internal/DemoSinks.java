package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.stream.Collectors;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.shared.CsvTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo installation's sink ledger (碳汇台账, 示例数据（虚构）): with the demo switch, the made-up verified increments
 * of {@code demo/budget-sinks.csv} for the years before the current one are recorded through the ledger's own path
 * as {@code system:demo} (so the carbon-inclusive demo can issue forestry carbon tickets from them, withdrawn from
 * the sink credit). Once: a demo installation whose sink ledger holds any entry is left alone.
 */
@Component
@Order(41)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoSinks implements ApplicationRunner {

	static final String FILE = "demo/budget-sinks.csv";

	private static final Logger log = LoggerFactory.getLogger(DemoSinks.class);

	private final SinkLedger sinks;
	private final PilotPlan plan;
	private final InstanceSettings instance;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final Clock clock;

	DemoSinks(SinkLedger sinks, PilotPlan plan, InstanceSettings instance, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.sinks = sinks;
		this.plan = plan;
		this.instance = instance;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!instance.holdsDemoData() || jdbc.sql("SELECT count(*) FROM budget_sink_entry").query(Long.class).single() > 0) {
			return;
		}
		String text = plan.planText(FILE).orElse(null);
		if (text == null) {
			return;
		}
		CsvTable table = CsvTable.parse(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")));
		int year = Year.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).getValue();
		int recorded = SystemActor.call("demo", () -> transaction.execute(s -> {
			int n = 0;
			for (CsvTable.Row r : table.rows()) {
				int y = year - Integer.parseInt(r.require("years_ago"));
				sinks.record(new SinkLedger.NewEntry(r.require("county_code"), y, new BigDecimal(r.require("increment_t")), null,
						java.time.LocalDate.of(y, 12, 31), r.require("verified_by"), r.require("reference_number"), null, null));
				n++;
			}
			return n;
		}));
		log.info("Recorded {} demo sink increments (made up)", recorded);
	}
}
