"""(being written) ``tf.autodiff``: ForwardAccumulator."""

__all__: list[str] = []
