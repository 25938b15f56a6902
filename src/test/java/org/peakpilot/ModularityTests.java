package org.peakpilot;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peakpilot.accounting.DisplayNames;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.internal.CityInventory;
import org.peakpilot.accounting.internal.FactorLibrary;
import org.peakpilot.accounting.internal.MonthlyReports;
import org.peakpilot.accounting.internal.ReportForm;
import org.peakpilot.accounting.internal.ReportWorkflow;
import org.peakpilot.accounting.internal.Restatements;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MonthClosed;
import org.peakpilot.monitoring.internal.Alarm;
import org.peakpilot.monitoring.internal.Gateways;
import org.peakpilot.monitoring.internal.MeterSeries;
import org.peakpilot.monitoring.internal.Meters;
import org.peakpilot.monitoring.internal.Readings;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(PeakPilotApplication.class);

	@Test
	void modulesKeepTheirBoundaries() {
		modules.verify();
	}

	/**
	 * Reads the Javadoc the build collected (target/generated-spring-modulith/javadoc.json) with Spring Boot's
	 * BasicJsonParser, which counts brackets inside strings: a Javadoc with an unbalanced bracket, such as a
	 * half-open interval written "[a, b)", breaks it ("No signature found in source map").
	 * <p>
	 * Tagged: the run against external services leaves it out (pom.xml), as the documentation and what can break it do
	 * not depend on the database; the first run writes it.
	 */
	@Test
	@Tag("module-documentation")
	void writesModuleDocumentation() {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
	}

	/**
	 * accounting's API is its base package (ADR 0013): the classes of accounting.internal that accounting.web calls are
	 * public in Java, yet hidden from every other module, so verify() rejects a module that imports them.
	 */
	@Test
	void accountingExposesOnlyItsBasePackage() {
		ApplicationModule accounting = modules.getModuleByName("accounting").orElseThrow();
		assertThat(accounting.getNamedInterfaces().stream().filter(i -> i.isNamed())).isEmpty();
		assertThat(accounting.getNamedInterfaces().getUnnamedInterface().asJavaClasses().map(JavaClass::getPackageName).distinct())
			.containsExactly("org.peakpilot.accounting");
		assertThat(accounting.isExposed(EmissionsAccounting.class)).isTrue();
		assertThat(accounting.isExposed(DisplayNames.class)).isTrue();
		for (Class<?> hidden : new Class<?>[] { CityInventory.class, MonthlyReports.class, ReportForm.class, FactorLibrary.class,
				ReportWorkflow.class, Restatements.class }) {
			assertThat(accounting.contains(hidden)).as(hidden.getSimpleName()).isTrue();
			assertThat(accounting.isExposed(hidden)).as(hidden.getSimpleName()).isFalse();
		}
	}

	/**
	 * monitoring's API is its base package too (ADR 0013): EnergyMonitoring, the values the demo uses and MonthClosed;
	 * Readings, Meters, Gateways and the records of monitoring.internal (Alarm, MeterSeries, …) are public in Java for
	 * monitoring.web, hidden from every other module.
	 */
	@Test
	void monitoringExposesOnlyItsBasePackage() {
		ApplicationModule monitoring = modules.getModuleByName("monitoring").orElseThrow();
		assertThat(monitoring.getNamedInterfaces().stream().filter(i -> i.isNamed())).isEmpty();
		assertThat(monitoring.getNamedInterfaces().getUnnamedInterface().asJavaClasses().map(JavaClass::getPackageName).distinct())
			.containsExactly("org.peakpilot.monitoring");
		for (Class<?> api : new Class<?>[] { EnergyMonitoring.class, Meter.class, MonthClosed.class }) {
			assertThat(monitoring.isExposed(api)).as(api.getSimpleName()).isTrue();
		}
		for (Class<?> hidden : new Class<?>[] { Readings.class, Meters.class, Gateways.class, Alarm.class, MeterSeries.class }) {
			assertThat(monitoring.contains(hidden)).as(hidden.getSimpleName()).isTrue();
			assertThat(monitoring.isExposed(hidden)).as(hidden.getSimpleName()).isFalse();
		}
	}

	/**
	 * budget's API is its base package (ADR 0013, 0016): CarbonBudgets and BudgetAllocation; the arithmetic of
	 * budget.internal and the controller of budget.web are hidden from every other module.
	 */
	@Test
	void budgetExposesOnlyItsBasePackage() {
		ApplicationModule budget = modules.getModuleByName("budget").orElseThrow();
		assertThat(budget.getNamedInterfaces().getUnnamedInterface().asJavaClasses().map(JavaClass::getPackageName).distinct())
			.containsExactly("org.peakpilot.budget");
		assertThat(budget.isExposed(org.peakpilot.budget.CarbonBudgets.class)).isTrue();
		assertThat(budget.isExposed(org.peakpilot.budget.BudgetAllocation.Preview.class)).isTrue();
		assertThat(budget.contains(org.peakpilot.budget.internal.Allocations.class)).isTrue();
		assertThat(budget.isExposed(org.peakpilot.budget.internal.Allocations.class)).isFalse();
	}
}
