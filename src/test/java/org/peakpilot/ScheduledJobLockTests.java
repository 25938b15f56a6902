package org.peakpilot;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scheduled job runs once per tick across instances (issue 16): each {@code @Scheduled} method of every
 * module takes a ShedLock lock named after its module, and the lock is really taken when the scheduler calls it.
 */
@PeakPilotTest
class ScheduledJobLockTests {

	/** Jobs that share their work across instances by themselves and say so where they are scheduled. */
	private static final List<String> SHARED_WORK = List.of("org.peakpilot.monitoring.internal.RollupJob.onSchedule");

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	private static List<Method> scheduledMethods() {
		List<Method> methods = new ArrayList<>();
		for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.peakpilot")) {
			for (Method m : type.reflect().getDeclaredMethods()) {
				if (m.isAnnotationPresent(Scheduled.class)) {
					methods.add(m);
				}
			}
		}
		return methods;
	}

	@Test
	void everyScheduledMethodTakesALockNamedAfterItsModuleOrSaysWhyNot() {
		List<Method> methods = scheduledMethods();
		assertThat(methods).as("the application's scheduled jobs").hasSizeGreaterThanOrEqualTo(15);
		Map<String, Method> names = new HashMap<>();
		for (Method m : methods) {
			String where = m.getDeclaringClass().getName() + "." + m.getName();
			SchedulerLock lock = m.getAnnotation(SchedulerLock.class);
			if (SHARED_WORK.contains(where)) {
				assertThat(lock).as(where + " shares its work without a lock").isNull();
				continue;
			}
			assertThat(lock).as(where + " has @SchedulerLock").isNotNull();
			String module = m.getDeclaringClass().getPackageName().split("\\.")[2];
			assertThat(lock.name()).as(where).startsWith(module + ".");
			assertThat(lock.lockAtMostFor()).as(where + " bounds a dead instance's lock").isNotEmpty();
			Duration most = Duration.parse(lock.lockAtMostFor());
			if (!lock.lockAtLeastFor().isEmpty()) {
				// a fixed-delay job holds its lock for its delay (a placeholder of the delay's setting, default included)
				Duration least = Duration.parse(context.getEnvironment().resolveRequiredPlaceholders(lock.lockAtLeastFor()));
				assertThat(least).as(where).isLessThan(most);
				Scheduled schedule = m.getAnnotation(Scheduled.class);
				if (!schedule.fixedDelayString().isEmpty()) {
					assertThat(lock.lockAtLeastFor()).as(where + " holds its lock for its delay")
						.isEqualTo(schedule.fixedDelayString());
				}
			}
			assertThat(names.put(lock.name(), m)).as("the lock name " + lock.name() + " is taken once").isNull();
		}
	}

	@Test
	void everyLockedJobIsCalledThroughAProxyThatLocks() {
		for (Method m : scheduledMethods()) {
			if (m.isAnnotationPresent(SchedulerLock.class)) {
				Object bean = context.getBean(m.getDeclaringClass());
				assertThat(AopUtils.isAopProxy(bean)).as(m.getDeclaringClass().getName() + " is proxied").isTrue();
			}
		}
	}

	/** A package-private job (its schedule is off in tests, so it does nothing) called as the scheduler calls it. */
	@Test
	void callingAJobThroughItsBeanTakesItsLockInTheDatabase() throws Exception {
		jdbc.sql("DELETE FROM shedlock WHERE name = 'monitoring.monthlyClosing'").update();
		Class<?> type = Class.forName("org.peakpilot.monitoring.internal.MonthlyClosing");
		Method job = type.getDeclaredMethod("onSchedule");
		job.setAccessible(true);
		Object bean = context.getBean(type);
		Method onProxy = AopUtils.selectInvocableMethod(job, bean.getClass());
		onProxy.setAccessible(true);

		onProxy.invoke(bean);

		Map<String, Object> row = jdbc.sql("SELECT locked_by, locked_at, lock_until FROM shedlock WHERE name = 'monitoring.monthlyClosing'")
			.query().singleRow();
		assertThat(row.get("locked_by")).isEqualTo(InetAddress.getLocalHost().getHostName());
		// lockAtLeastFor: an instance whose clock lags by seconds finds the lock still held after the run
		OffsetDateTime at = ((java.sql.Timestamp) row.get("locked_at")).toInstant().atOffset(java.time.ZoneOffset.UTC);
		OffsetDateTime until = ((java.sql.Timestamp) row.get("lock_until")).toInstant().atOffset(java.time.ZoneOffset.UTC);
		assertThat(Duration.between(at, until)).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
	}
}
