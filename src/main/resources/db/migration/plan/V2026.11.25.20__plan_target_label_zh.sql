-- The words of a target stated in words, in Chinese (indicators.csv, column target_YYYY_zh); label keeps the
-- plan file's target_YYYY text.
ALTER TABLE plan_item_target ADD COLUMN label_zh TEXT;
