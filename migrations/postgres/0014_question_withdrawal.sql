-- A question put to the force can be withdrawn, with a reason kept in its timeline.
ALTER TABLE questions DROP CONSTRAINT questions_status_check;
ALTER TABLE questions ADD CONSTRAINT questions_status_check CHECK (status IN
    ('draft', 'awaiting_answer', 'answered', 'satisfactory', 'further_information_requested',
     'withdrawn'));
