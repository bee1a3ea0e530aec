import { Component, type ReactNode } from 'react';

/** A screen that fails to render shows what happened instead of blanking the whole console. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  state = { error: null as Error | null, key: '' };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  render() {
    if (this.state.error) {
      return (
        <div className="alert alert-error" role="alert" data-testid="screen-error">
          <strong>This screen could not be shown.</strong> {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
