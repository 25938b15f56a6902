package org.peakpilot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances started at the same moment both come up (issue 16): their start-up loads run at once against one
 * database, here from two threads, each load on its own connections as on two instances. On an empty database
 * the administrator bootstrap and the factor loader used to check, find nothing and both insert: one start failed
 * on {@code app_user_username_key} or {@code accounting_factor_code_version_key}. Its own schema, because the test
 * empties the users and the factor library.
 */
@SpringBootTest(properties = "peakpilot.test.schema=pp_startup_race")
class StartupRaceTests {

	private static final int ROUNDS = 8;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	private ApplicationRunner runner(String className) throws ClassNotFoundException {
		return (ApplicationRunner) context.getBean(Class.forName(className));
	}

	/** Runs {@code load} on two threads released at the same instant; returns the failures. */
	private static List<Throwable> twiceAtOnce(Runnable load) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier start = new CyclicBarrier(2);
			List<Future<?>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					load.run();
					return null;
				}));
			}
			List<Throwable> failures = new ArrayList<>();
			for (Future<?> run : runs) {
				try {
					run.get(5, TimeUnit.MINUTES);
				}
				catch (java.util.concurrent.ExecutionException ex) {
					failures.add(ex.getCause());
				}
			}
			return failures;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void twoAdministratorBootstrapsOnAnEmptyDatabaseMakeOneAdministrator() throws Exception {
		ApplicationRunner bootstrap = runner("org.peakpilot.platform.AdministratorBootstrap");
		for (int round = 0; round < ROUNDS; round++) {
			jdbc.sql("TRUNCATE app_user CASCADE").update();

			List<Throwable> failures = twiceAtOnce(() -> run(bootstrap));

			assertThat(failures).as("round " + round).isEmpty();
			assertThat(jdbc.sql("SELECT username FROM app_user").query(String.class).list()).as("round " + round)
				.containsExactly("admin");
		}
	}

	@Test
	void twoFactorLoadersOnAnEmptyLibraryLoadItOnce() throws Exception {
		ApplicationRunner loader = runner("org.peakpilot.accounting.internal.AccountingLoader");
		long once = jdbc.sql("SELECT count(*) FROM accounting_factor").query(Long.class).single();
		assertThat(once).as("the loader loaded the library at start").isPositive();
		for (int round = 0; round < ROUNDS; round++) {
			jdbc.sql("TRUNCATE accounting_factor CASCADE").update();

			List<Throwable> failures = twiceAtOnce(() -> run(loader));

			assertThat(failures).as("round " + round).isEmpty();
			assertThat(jdbc.sql("SELECT count(*) FROM accounting_factor").query(Long.class).single()).as("round " + round)
				.isEqualTo(once);
			assertThat(jdbc.sql("SELECT count(*) FROM (SELECT code, version FROM accounting_factor GROUP BY 1, 2 HAVING count(*) > 1) d")
				.query(Long.class).single()).isZero();
		}
	}

	/** Every start-up load of every module, twice at once on a database that holds their data: no failure. */
	@Test
	void everyStartupLoadRunsTwiceAtOnceWithoutFailure() throws Exception {
		Map<String, ApplicationRunner> runners = context.getBeansOfType(ApplicationRunner.class);
		List<ApplicationRunner> ours = runners.values().stream()
			.filter(r -> org.springframework.aop.support.AopUtils.getTargetClass(r).getName().startsWith("org.peakpilot."))
			.toList();
		assertThat(ours).hasSizeGreaterThanOrEqualTo(10);
		for (ApplicationRunner r : ours) {
			assertThat(twiceAtOnce(() -> run(r))).as(r.getClass().getName()).isEmpty();
		}
	}

	private static void run(ApplicationRunner runner) {
		try {
			runner.run(new DefaultApplicationArguments());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
