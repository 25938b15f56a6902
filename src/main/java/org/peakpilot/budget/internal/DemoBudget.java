package org.peakpilot.budget.internal;

import java.time.Clock;
import java.time.Year;
import java.util.List;

import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.internal.BudgetVersions.BudgetYear;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.SystemActor;
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
 * The demo installation's published budget of the current year (the clock's, Beijing): with the demo switch, after
 * the demo module has loaded its data set (and marked the installation), the made-up county figures of
 * {@link DemoCounties} go through the module's own path as {@code system:demo}: a draft from the city's intensity
 * path (15th five-year period 2026–2030, an intensity cut of 17 %), allocation by intensity decline, county, city and
 * leading-group review, publication. Once per year: a year that has any version is left alone, so a restart changes
 * nothing; a database that is not a demo installation is never touched.
 */
@Component
@Order(40)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoBudget implements ApplicationRunner {


	private static final Logger log = LoggerFactory.getLogger(DemoBudget.class);

	private final BudgetVersions versions;
	private final PilotPlan plan;
	private final InstanceSettings instance;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final Clock clock;

	DemoBudget(BudgetVersions versions, PilotPlan plan, InstanceSettings instance, JdbcClient jdbc, PlatformTransactionManager transactions,
			Clock clock) {
		this.versions = versions;
		this.plan = plan;
		this.instance = instance;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		int year = Year.now(clock).getValue();
		BudgetYear published = SystemActor.call("demo", () -> transaction.execute(status -> load(year)));
		if (published != null) {
			log.info("Published the demo carbon budget {} (made up): version {}, {} t to {} counties", year, published.version(),
					published.total().toPlainString(), published.holders().size());
		}
	}

	/** The year's published demo budget, or {@code null} when there is nothing to do. */
	BudgetYear load(int year) {
		if (!instance.holdsDemoData()) {
			return null;
		}
		long existing = jdbc.sql("SELECT count(*) FROM budget_version WHERE year = :year").param("year", year).query(Long.class).single();
		List<DemoCounties.County> counties = DemoCounties.read(plan);
		if (existing > 0 || counties.isEmpty()) {
			return null;
		}
		BudgetYear draft = versions.createDraft(year, DemoCounties.draftInputs(year, counties));
		versions.allocate(year, draft.version(), Method.INTENSITY_DECLINE, counties.stream().map(DemoCounties.County::holder).toList());
		versions.advance(year, draft.version(), "示例数据（虚构）：提交各区县审核 · Demo data, made up: to the counties for review");
		versions.advance(year, draft.version(), "示例数据（虚构）：区县无异议 · Demo data, made up: the counties agree");
		versions.advance(year, draft.version(), "示例数据（虚构）：报领导小组审批 · Demo data, made up: to the leading group");
		return versions.publish(year, draft.version(), "示例数据（虚构）：领导小组同意 · Demo data, made up: approved by the leading group");
	}
}
