"""Reminder letters (缴费提醒函, 届满提醒函): one Word letter per first holder of the patents a
selection of 年费预警 or 届满通知 lists, on the bureau's letterhead (parameter `reminder_letters`);
all letters of a batch in one .zip with a summary .xlsx; every batch recorded (reminder_batch,
reminder_letter) so that staff see who was reminded when.

Every amount, date and state comes from the monitor lists (core.monitor.fee_warnings,
core.monitor.expiry), which take them from the fee and term rules (core.rules.fees, terms).
"""
