/**
 * The project libraries (plan 四 and 二(五)5): the key-project library (重点项目库: the plan's 352 projects in 10 domains,
 * their stage, investment progress and expected against realised savings) and the green enterprise and green project
 * library (绿色企业和绿色项目库: entry criteria as data, applications, review, re-evaluation, an export for banks).
 * Admitted projects of the admission module enter the key-project library when the office marks them so.
 * Units: investment in 10k CNY (万元), savings in tce and tCO2 a year.
 * Green library ({@code internal.GreenLibraryStore}): criteria from the plan folder's green-library.properties and
 * green-industry-catalogue.csv, figures from accounting's {@code carbonEfficiency} (grade, tCO2 per 10k CNY output value,
 * green kWh ÷ purchased kWh as a fraction of 1); banks (role BANK) read the listed entries only.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "plan", "registry", "accounting", "admission", "shared" })
package org.peakpilot.projects;
