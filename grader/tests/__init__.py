"""The grader's own tests (unittest); fixtures/ holds their exercises."""
