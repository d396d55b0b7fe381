"""`vecinos bench`: each figure beside a floor measured the same way in the same run.

Not an app: a benchmark may use every part, as the command that runs it does."""
